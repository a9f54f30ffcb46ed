/** RFC 9457 problem details, in English or Spanish (partner agencies in Mexico ask with `Accept-Language: es`). */
export type Lang = 'en' | 'es';

export interface FieldError {
  field: string;
  message: string;
  /** class-validator constraint, used to translate and then dropped */
  constraint?: string;
  /** the message in Spanish, when the service wrote one; used and then dropped */
  es?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, { en: string; es: string; slug: string }> = {
  400: { en: 'Invalid request', es: 'Solicitud no válida', slug: 'invalid-request' },
  401: { en: 'Authentication required', es: 'Se requiere autenticación', slug: 'unauthenticated' },
  403: { en: 'Forbidden', es: 'Prohibido', slug: 'forbidden' },
  404: { en: 'Not found', es: 'No encontrado', slug: 'not-found' },
  405: { en: 'Method not allowed', es: 'Método no permitido', slug: 'method-not-allowed' },
  406: { en: 'Not acceptable', es: 'No aceptable', slug: 'not-acceptable' },
  409: { en: 'Conflict', es: 'Conflicto', slug: 'conflict' },
  413: { en: 'Request body too large', es: 'Cuerpo de la solicitud demasiado grande', slug: 'payload-too-large' },
  414: { en: 'URI too long', es: 'URI demasiado larga', slug: 'uri-too-long' },
  415: { en: 'Unsupported media type', es: 'Tipo de contenido no admitido', slug: 'unsupported-media-type' },
  422: { en: 'Idempotency key reused with a different request', es: 'Clave de idempotencia reutilizada con otra solicitud', slug: 'idempotency-key-reused' },
  429: { en: 'Too many requests', es: 'Demasiadas solicitudes', slug: 'too-many-requests' },
  500: { en: 'Internal error', es: 'Error interno', slug: 'internal-error' },
  503: { en: 'Service unavailable', es: 'Servicio no disponible', slug: 'service-unavailable' },
};

export function pickLang(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage ?? '';
  const ranked = header.split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'es' || tag.startsWith('es-')) return 'es';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** A message in both languages; `{name}` placeholders are filled from params. */
export interface Message { en: string; es: string }

export function render(message: Message, lang: Lang, params: Record<string, string | number> = {}): string {
  return message[lang].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

export function problem(status: number, lang: Lang, detail: string, extra: Partial<Problem> = {}): Problem {
  const title = TITLES[status] ?? TITLES[status >= 500 ? 500 : 400];
  return { type: `urn:casecoord:problem:${title.slug}`, title: title[lang], status, detail, ...extra };
}

/** class-validator constraint names -> field messages. English falls back to class-validator's own text. */
const CONSTRAINT_MESSAGES: Record<string, Message> = {
  whitelistValidation: { en: 'is not an allowed field', es: 'no es un campo permitido' },
  isDefined: { en: 'is required', es: 'es obligatorio' },
  isNotEmpty: { en: 'must not be empty', es: 'no debe estar vacío' },
  isString: { en: 'must be a string', es: 'debe ser una cadena de texto' },
  isBoolean: { en: 'must be a boolean', es: 'debe ser un valor booleano' },
  isNumber: { en: 'must be a number', es: 'debe ser un número' },
  isInt: { en: 'must be an integer', es: 'debe ser un número entero' },
  isEnum: { en: 'has a value that is not allowed', es: 'tiene un valor no permitido' },
  isIn: { en: 'has a value that is not allowed', es: 'tiene un valor no permitido' },
  isArray: { en: 'must be an array', es: 'debe ser una lista' },
  isObject: { en: 'must be an object', es: 'debe ser un objeto' },
  nestedValidation: { en: 'must be an object', es: 'debe ser un objeto' },
  isUuid: { en: 'must be a UUID', es: 'debe ser un UUID' },
  isIso8601: { en: 'must be an ISO-8601 date-time with offset', es: 'debe ser una fecha y hora ISO-8601 con zona horaria' },
  isDateString: { en: 'must be an ISO-8601 date', es: 'debe ser una fecha ISO-8601' },
  min: { en: 'is below the minimum', es: 'es menor que el mínimo permitido' },
  max: { en: 'is above the maximum', es: 'es mayor que el máximo permitido' },
  maxLength: { en: 'is too long', es: 'es demasiado largo' },
  minLength: { en: 'is too short', es: 'es demasiado corto' },
  arrayMaxSize: { en: 'has too many items', es: 'tiene demasiados elementos' },
  arrayMinSize: { en: 'has too few items', es: 'tiene muy pocos elementos' },
  distinctSubjectNames: {
    en: 'repeats another name of the subject, or has no letters', es: 'repite otro nombre del sujeto o no tiene letras',
  },
};

/** English keeps class-validator's precise text (it names limits); Spanish uses the catalogue. */
export function constraintMessage(constraint: string, fallback: string, lang: Lang): string {
  const message = CONSTRAINT_MESSAGES[constraint];
  if (!message) return fallback;
  if (lang === 'en' && !['whitelistValidation', 'isDefined'].includes(constraint)) return fallback;
  return message[lang];
}
