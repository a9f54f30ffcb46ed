import type { Message } from '../../../../libs/http/problem';

/** Details users read, in both languages. */
export const M = {
  validation: { en: 'The request has {count} invalid field(s).', es: 'La solicitud tiene {count} campo(s) no válido(s).' },
  unauthenticated: { en: 'A valid bearer token is required.', es: 'Se requiere un token de acceso válido.' },
  badCredentials: { en: 'Unknown username or wrong password.', es: 'Usuario desconocido o contraseña incorrecta.' },
  sessionIdle: {
    en: 'The session ended after {seconds} seconds without activity; log in again.',
    es: 'La sesión terminó tras {seconds} segundos sin actividad; inicie sesión de nuevo.',
  },
  accountLocked: {
    en: 'Too many failed logins for this username; try again in {seconds} seconds.',
    es: 'Demasiados intentos fallidos para este usuario; vuelva a intentarlo en {seconds} segundos.',
  },
  rateLimited: {
    en: 'Too many changes in a short time (at most {limit} per {window} seconds); retry in {seconds} seconds.',
    es: 'Demasiados cambios en poco tiempo (como máximo {limit} cada {window} segundos); reintente en {seconds} segundos.',
  },
  forbiddenRole: { en: 'This action needs one of the roles: {roles}.', es: 'Esta acción requiere uno de los roles: {roles}.' },
  caseNotFound: { en: 'Case {id} does not exist or your agency may not see it.', es: 'El caso {id} no existe o su agencia no puede verlo.' },
  notOwner: { en: 'Only agents of the owning agency may do this.', es: 'Solo los agentes de la agencia propietaria pueden hacerlo.' },
  caseClosed: { en: 'Case {id} is closed.', es: 'El caso {id} está cerrado.' },
  subjectNotFound: { en: 'Case {id} has no subject {subjectId}.', es: 'El caso {id} no tiene el sujeto {subjectId}.' },
  subjectFormsEmpty: {
    en: 'Nothing to add: send at least one name in aliases or monikers.',
    es: 'Nada que agregar: envíe al menos un nombre en aliases o monikers.',
  },
  caseEditEmpty: {
    en: 'Nothing to change: send at least one of title, summary, flags, leadAgent.',
    es: 'Nada que cambiar: envíe al menos uno de title, summary, flags, leadAgent.',
  },
  closeBlocked: { en: 'Case {id} cannot close: {blockers}.', es: 'El caso {id} no puede cerrarse: {blockers}.' },
  caseRegistering: { en: 'Case {id} is still being registered; retry shortly.', es: 'El caso {id} aún se está registrando; reintente en breve.' },
  referralStarting: { en: 'Referral {id} is still being set up; retry in a second.', es: 'La remisión {id} aún se está preparando; reintente en un segundo.' },
  shareNotFound: { en: 'Case {id} is not shared with {agency}.', es: 'El caso {id} no está compartido con {agency}.' },
  idempotencyMismatch: {
    en: 'Idempotency-Key {key} was already used with a different request.',
    es: 'La clave de idempotencia {key} ya se usó con otra solicitud.',
  },
  idempotencyInFlight: {
    en: 'A request with Idempotency-Key {key} is still in progress; retry shortly.',
    es: 'Una solicitud con la clave de idempotencia {key} sigue en curso; reintente en breve.',
  },
  temporalUnavailable: {
    en: 'The workflow service is unavailable; nothing was changed. Retry with the same Idempotency-Key.',
    es: 'El servicio de flujos de trabajo no está disponible; no se cambió nada. Reintente con la misma clave de idempotencia.',
  },
  updatePending: {
    en: 'The change was accepted but has not completed yet; retry with the same Idempotency-Key to get its result.',
    es: 'El cambio fue aceptado pero aún no ha terminado; reintente con la misma clave de idempotencia para obtener el resultado.',
  },
  updateUnconfirmed: {
    en: 'The workflow service did not confirm the change in time; it may still be applied. Retry with the same Idempotency-Key to get its result.',
    es: 'El servicio de flujos de trabajo no confirmó el cambio a tiempo; aún puede aplicarse. Reintente con la misma clave de idempotencia para obtener el resultado.',
  },
  databaseUnavailable: {
    en: 'The database is unavailable; nothing was changed.',
    es: 'La base de datos no está disponible; no se cambió nada.',
  },
  databaseBusy: {
    en: 'The server is overloaded: no database connection came free in time; nothing was changed. Retry later with the same Idempotency-Key.',
    es: 'El servidor está sobrecargado: no se liberó ninguna conexión a la base de datos a tiempo; no se cambió nada. Reintente más tarde con la misma clave de idempotencia.',
  },
  unstorableValue: {
    en: 'A value in the request cannot be stored (out of range or not valid text); nothing was changed.',
    es: 'Un valor de la solicitud no se puede almacenar (fuera de rango o texto no válido); no se cambió nada.',
  },
  hitNotFound: { en: 'Hit {id} does not exist.', es: 'La coincidencia {id} no existe.' },
  hitAlreadyResolved: {
    en: 'Hit {id} is already resolved ({resolution}).',
    es: 'La coincidencia {id} ya está resuelta ({resolution}).',
  },
  hitRegistering: { en: 'Hit {id} is still being registered; retry shortly.', es: 'La coincidencia {id} aún se está registrando; reintente en breve.' },
  lookoutNotFound: { en: 'Lookout {id} does not exist or belongs to another agency.', es: 'La alerta {id} no existe o pertenece a otra agencia.' },
  referralNotFound: { en: 'Referral {id} does not exist or is not addressed to your agency.', es: 'La remisión {id} no existe o no está dirigida a su agencia.' },
  referralTransition: { en: 'Cannot {step} referral {id}: it is {status}.', es: 'No se puede realizar "{step}" en la remisión {id}: está en estado {status}.' },
  seizureNotFound: { en: 'Seizure {id} does not exist or your agency may not see it.', es: 'El aseguramiento {id} no existe o su agencia no puede verlo.' },
  seizureIncomplete: {
    en: 'Seizure {id} cannot be shared until all ten data elements are present; missing: {missing}.',
    es: 'El aseguramiento {id} no puede compartirse hasta tener los diez elementos; faltan: {missing}.',
  },
  traceNotFound: { en: 'Trace {id} does not exist or your agency may not see it.', es: 'El rastreo {id} no existe o su agencia no puede verlo.' },
  notTracingAgency: { en: 'Only agents of {agency}, the tracing agency, may do this.', es: 'Solo los agentes de {agency}, la agencia que rastrea, pueden hacerlo.' },
  traceTransition: { en: 'Trace {id} is {status}; that step is not possible now.', es: 'El rastreo {id} está en estado {status}; ese paso no es posible ahora.' },
  meetingNotFound: { en: 'Meeting {id} does not exist or your agency may not see it.', es: 'La reunión {id} no existe o su agencia no puede verla.' },
  meetingNoticeNotRequired: {
    en: 'Meeting {id} is a working-level contact: no notice is required (M2, EXEMPT).',
    es: 'La reunión {id} es un contacto de nivel operativo: no requiere aviso (M2, EXENTA).',
  },
  meetingAlreadyNotified: { en: 'Meeting {id} was already notified ({status}).', es: 'La reunión {id} ya fue notificada ({status}).' },
  meetingOutcomeRecorded: { en: 'The outcome of meeting {id} is already recorded.', es: 'El resultado de la reunión {id} ya está registrado.' },
  meetingNoDeliverable: {
    en: 'Meeting {id} touches none of the six trilateral deliverables, so no follow-up report can be requested (M3).',
    es: 'La reunión {id} no afecta ninguno de los seis objetivos trilaterales, por lo que no se puede solicitar un informe de seguimiento (M3).',
  },
  meetingReportTransition: {
    en: 'Cannot {step} the report of meeting {id}: it is {status}.',
    es: 'No se puede realizar "{step}" en el informe de la reunión {id}: está en estado {status}.',
  },
  meetingRegistering: { en: 'Meeting {id} is still being registered; retry shortly.', es: 'La reunión {id} aún se está registrando; reintente en breve.' },
  meetingCancelled: { en: 'Meeting {id} is cancelled; nothing more can be done on it.', es: 'La reunión {id} está cancelada; ya no admite cambios.' },
  meetingHeld: {
    en: 'Meeting {id} was already held (its outcome is recorded); it can no longer be {step}.',
    es: 'La reunión {id} ya se celebró (su resultado está registrado); ya no puede ser {stepEs}.',
  },
  actionItemNotFound: {
    en: 'Action item {id} does not exist or your agency may not see it.',
    es: 'El compromiso {id} no existe o su agencia no puede verlo.',
  },
  actionItemClosed: { en: 'Action item {id} is already closed.', es: 'El compromiso {id} ya está cerrado.' },
  routeNotFound: { en: 'No route {method} {path}.', es: 'No existe la ruta {method} {path}.' },
  badUrl: { en: 'The path {path} is not a valid URL (a malformed percent-escape).', es: 'La ruta {path} no es una URL válida (un escape con % mal formado).' },
  pathParamTooLong: { en: 'A path parameter is too long.', es: 'Un parámetro de la ruta es demasiado largo.' },
  malformedJson: { en: 'The body is not valid JSON.', es: 'El cuerpo no es JSON válido.' },
  bodyTooLarge: { en: 'The body exceeds {limit} bytes.', es: 'El cuerpo supera {limit} bytes.' },
  unsupportedMediaType: {
    en: 'Content-Type {type} is not supported; send application/json.',
    es: 'El tipo de contenido {type} no es compatible; envíe application/json.',
  },
  internal: { en: 'An unexpected error occurred; it has been logged with request id {requestId}.', es: 'Ocurrió un error inesperado; se registró con el identificador {requestId}.' },
  // Issue 22, auth: limits per source address.
  loginRateLimited: {
    en: 'Too many login attempts from this address (at most {limit} per {window} seconds); retry in {seconds} seconds.',
    es: 'Demasiados intentos de inicio de sesión desde esta dirección (como máximo {limit} cada {window} segundos); reintente en {seconds} segundos.',
  },
  anonRateLimited: {
    en: 'Too many requests without a valid token from this address (at most {limit} per {window} seconds); retry in {seconds} seconds.',
    es: 'Demasiadas solicitudes sin un token válido desde esta dirección (como máximo {limit} cada {window} segundos); reintente en {seconds} segundos.',
  },
  // security hardening (issue 22): edge
  tooManyStreams: {
    en: 'You already have {limit} notification streams open (one per browser tab or client); close one, or poll GET /notifications?since=.',
    es: 'Ya tiene {limit} flujos de notificaciones abiertos (uno por pestaña o cliente); cierre uno o consulte GET /notifications?since=.',
  },
  // Deconfliction checks (issue 22, item 2): the per-user check budget.
  checkBudgetExceeded: {
    en: 'Check budget used up: at most {limit} values may be checked in {hours} hour(s); retry in {seconds} seconds, or call the watch desk.',
    es: 'Presupuesto de consultas agotado: como máximo {limit} valores en {hours} hora(s); reintente en {seconds} segundos o llame a la mesa de guardia.',
  },
  checkTooLarge: {
    en: 'This check carries {items} values, more than the {limit} a user may check in {hours} hour(s); split it.',
    es: 'Esta consulta lleva {items} valores, más de los {limit} que un usuario puede consultar en {hours} hora(s); divídala.',
  },
  // Temporal codec endpoint (issue 22, item 11)
  codecPayloadUndecodable: {
    en: 'Payload {index} cannot be decoded: its key is unknown or it was altered.',
    es: 'No se puede decodificar la carga {index}: su clave es desconocida o fue alterada.',
  },
  // Identity (issue 19): passwords, second factor, administration of users and agencies.
  accountDisabled: { en: 'This account is disabled; ask an administrator.', es: 'Esta cuenta está deshabilitada; consulte a un administrador.' },
  mustChangePassword: {
    en: 'Set a new password first (POST /auth/password).', es: 'Primero establezca una contraseña nueva (POST /auth/password).',
  },
  mustEnrolSecondFactor: {
    en: 'Enrol a second factor first (POST /auth/mfa/enrol, then /auth/mfa/confirm).',
    es: 'Primero registre un segundo factor (POST /auth/mfa/enrol y luego /auth/mfa/confirm).',
  },
  passwordTooShort: {
    en: 'The password must have at least {minLength} characters.', es: 'La contraseña debe tener al menos {minLength} caracteres.',
  },
  passwordTooLong: { en: 'The password may have at most {maxLength} characters.', es: 'La contraseña puede tener como máximo {maxLength} caracteres.' },
  passwordCommon: {
    en: 'This password is too common (it is, or is built on, a password known from breaches); choose another.',
    es: 'Esta contraseña es demasiado común (es, o se basa en, una contraseña conocida por filtraciones); elija otra.',
  },
  passwordRepetitive: {
    en: 'This password only repeats a few characters; choose another.', es: 'Esta contraseña solo repite unos pocos caracteres; elija otra.',
  },
  passwordContainsUsername: {
    en: 'The password must not contain the username.', es: 'La contraseña no debe contener el nombre de usuario.',
  },
  wrongCurrentPassword: { en: 'The current password is wrong.', es: 'La contraseña actual es incorrecta.' },
  badSecondFactor: {
    en: 'Wrong or already used code from the authenticator app or recovery code.',
    es: 'Código de la aplicación de autenticación o código de recuperación incorrecto o ya usado.',
  },
  challengeInvalid: {
    en: 'The sign-in step expired or is not valid; enter the username and password again.',
    es: 'El paso de inicio de sesión caducó o no es válido; vuelva a introducir usuario y contraseña.',
  },
  secondFactorEnrolled: {
    en: 'A second factor is already active for this account; an administrator can reset it.',
    es: 'Esta cuenta ya tiene un segundo factor activo; un administrador puede restablecerlo.',
  },
  secondFactorNotEnrolling: {
    en: 'No enrolment is in progress: call POST /auth/mfa/enrol first.',
    es: 'No hay ningún registro en curso: llame primero a POST /auth/mfa/enrol.',
  },
  userNotFound: { en: 'User {id} does not exist.', es: 'El usuario {id} no existe.' },
  usernameTaken: { en: 'The username {username} is already taken.', es: 'El nombre de usuario {username} ya está en uso.' },
  agencyNotFound: { en: 'Agency {code} does not exist.', es: 'La agencia {code} no existe.' },
  agencyRetired: { en: 'Agency {code} is retired.', es: 'La agencia {code} está retirada.' },
  agencyExists: { en: 'Agency {code} already exists.', es: 'La agencia {code} ya existe.' },
  agencyInUse: {
    en: 'Agency {code} has users or records and cannot be deleted; retire it instead.',
    es: 'La agencia {code} tiene usuarios o registros y no puede eliminarse; retírela en su lugar.',
  },
  contactPointNotFound: { en: 'Contact point {id} does not exist for agency {code}.', es: 'El punto de contacto {id} no existe para la agencia {code}.' },
  sessionNotFound: { en: 'Session {id} is not an open session of this user.', es: 'La sesión {id} no es una sesión abierta de este usuario.' },
  selfLockout: {
    en: 'An administrator cannot disable their own account or remove their own ADMIN role.',
    es: 'Un administrador no puede deshabilitar su propia cuenta ni quitarse el rol ADMIN.',
  },
  adminEditEmpty: { en: 'Nothing to change: send at least one field.', es: 'Nada que cambiar: envíe al menos un campo.' },
} satisfies Record<string, Message>;
