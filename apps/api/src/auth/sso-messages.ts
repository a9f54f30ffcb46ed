import type { Message } from '../../../../libs/http/problem';
import type { SsoClaimsRefusal } from '../../../../libs/auth/oidc/sso-claims-rules';
import type { AccessTokenFault } from '../../../../libs/auth/oidc/oidc-issuer';

/** Single sign-on's problems in both languages (kept beside the feature; common/messages.ts holds the rest). */
export const SSO_M = {
  issuerUnknown: { en: 'No sign-in provider is named {name}.', es: 'Ningún proveedor de inicio de sesión se llama {name}.' },
  loginUnknown: {
    en: 'This sign-in expired or was already used; sign in again.',
    es: 'Este inicio de sesión expiró o ya se usó; inicie sesión de nuevo.',
  },
  providerRefused: {
    en: 'The sign-in provider did not complete the sign-in; sign in again.',
    es: 'El proveedor de identidad no completó el inicio de sesión; inicie sesión de nuevo.',
  },
  providerUnreachable: {
    en: 'The sign-in provider {issuer} cannot be reached; retry shortly.',
    es: 'No se puede contactar con el proveedor de identidad {issuer}; reintente en breve.',
  },
  agencyNotAllowed: {
    en: 'The sign-in provider {issuer} may not speak for agency {agency}.',
    es: 'El proveedor de identidad {issuer} no puede hablar en nombre de la agencia {agency}.',
  },
  agencyUnknown: { en: 'Agency {agency} is not known here.', es: 'La agencia {agency} no es conocida aquí.' },
  roleUnknown: { en: 'Role {role} is not known here.', es: 'El rol {role} no es conocido aquí.' },
  claimMissing: {
    en: 'The provider\'s token does not carry a usable {claim} claim.',
    es: 'El token del proveedor no lleva una declaración {claim} utilizable.',
  },
  userDisabled: {
    en: 'This account is disabled here; ask an administrator.',
    es: 'Esta cuenta está desactivada aquí; consulte a un administrador.',
  },
  tokenExpired: { en: 'The provider\'s access token has expired.', es: 'El token de acceso del proveedor ha caducado.' },
  tokenAudience: {
    en: 'The provider\'s access token was not issued for this API.',
    es: 'El token de acceso del proveedor no se emitió para esta API.',
  },
  tokenSignature: {
    en: 'The provider\'s access token is not signed by a key the provider publishes.',
    es: 'El token de acceso del proveedor no está firmado con una clave que el proveedor publique.',
  },
  tokenInvalid: { en: 'The provider\'s access token is not valid.', es: 'El token de acceso del proveedor no es válido.' },
  needsSession: {
    en: 'This action needs a session of this console; provider access tokens cannot do it.',
    es: 'Esta acción requiere una sesión de esta consola; los tokens de acceso del proveedor no pueden hacerla.',
  },
} satisfies Record<string, Message>;

export type SsoRefusalReason = keyof typeof SSO_M;

/** The refusals a valid provider token can still meet are the caller's lack of rights here: 403, not 401. */
export const FORBIDDEN_REASONS: readonly SsoRefusalReason[] = ['agencyNotAllowed', 'agencyUnknown', 'roleUnknown', 'claimMissing', 'userDisabled'];

export const claimsRefusalReason = (refusal: SsoClaimsRefusal): { reason: SsoRefusalReason; params: Record<string, string> } => {
  switch (refusal.kind) {
    case 'subject-missing': return { reason: 'claimMissing', params: { claim: 'sub' } };
    case 'agency-missing': return { reason: 'claimMissing', params: { claim: refusal.claim } };
    case 'roles-missing': return { reason: 'claimMissing', params: { claim: refusal.claim } };
    case 'agency-not-allowed': return { reason: 'agencyNotAllowed', params: { agency: refusal.agency } };
    case 'role-unknown': return { reason: 'roleUnknown', params: { role: refusal.role } };
  }
};

export const accessTokenFaultMessage = (fault: AccessTokenFault): Message => ({
  expired: SSO_M.tokenExpired, audience: SSO_M.tokenAudience, signature: SSO_M.tokenSignature, invalid: SSO_M.tokenInvalid,
  'provider-unreachable': SSO_M.providerUnreachable,
})[fault];
