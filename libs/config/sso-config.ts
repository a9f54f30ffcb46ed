import { parseDuration } from './duration';

/** One OpenID Connect provider agencies sign in through (issue 19). */
export interface SsoIssuerConfig {
  /** Short name in the console's button and the start route (`/auth/sso/<name>/start`). */
  name: string;
  /** What the sign-in button says. */
  label: string;
  /** The provider's `/.well-known/openid-configuration`. */
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** The `aud` an access token must carry to be accepted as a bearer token by this API. */
  audience: string;
  /** The claims carrying the user's agency code and roles (a string, or an array of strings). */
  agencyClaim: string;
  rolesClaim: string;
  /** The agencies this provider may speak for: a token naming any other is refused. */
  agencies: string[];
  /** Scopes asked for at sign-in; `openid` is always among them. */
  scopes: string[];
}

export interface SsoConfig {
  issuers: SsoIssuerConfig[];
  /** The API's callback as registered with every provider (`https://<api>/auth/sso/callback`). */
  redirectUrl: string;
  /** A sign-in must come back from the provider within this. */
  loginTtlMs: number;
  /** Provider keys are re-read at least this often, so a key the provider stopped publishing stops working. */
  jwksCacheMaxAgeMs: number;
  /** An unknown key id re-reads the keys at most this often (a rotated-in key is found without a restart). */
  jwksCooldownMs: number;
  /** Plain-http providers: only outside production (the test stack's provider). */
  allowInsecureHttp: boolean;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`SSO_ISSUERS: ${field} must be a non-empty string`);
  return value.trim();
}

function issuer(raw: unknown, index: number): SsoIssuerConfig {
  if (typeof raw !== 'object' || raw === null) throw new Error(`SSO_ISSUERS[${index}] must be an object`);
  const entry = raw as Record<string, unknown>;
  const at = (field: string) => `[${index}].${field}`;
  const name = text(entry.name, at('name'));
  if (!NAME.test(name)) throw new Error(`SSO_ISSUERS${at('name')} must be lowercase letters, digits and dashes`);
  const agencies = entry.agencies;
  if (!Array.isArray(agencies) || agencies.length === 0) throw new Error(`SSO_ISSUERS${at('agencies')} must list at least one agency code`);
  const scopes = Array.isArray(entry.scopes) ? entry.scopes.map((s, i) => text(s, at(`scopes[${i}]`))) : [];
  return {
    name,
    label: typeof entry.label === 'string' && entry.label.trim() !== '' ? entry.label.trim() : name,
    discoveryUrl: new URL(text(entry.discoveryUrl, at('discoveryUrl'))).toString(),
    clientId: text(entry.clientId, at('clientId')),
    clientSecret: text(entry.clientSecret, at('clientSecret')),
    audience: text(entry.audience, at('audience')),
    agencyClaim: text(entry.agencyClaim ?? 'agency', at('agencyClaim')),
    rolesClaim: text(entry.rolesClaim ?? 'roles', at('rolesClaim')),
    agencies: agencies.map((a, i) => text(a, at(`agencies[${i}]`))),
    scopes: [...new Set(['openid', ...scopes])],
  };
}

/** SSO_ISSUERS is a JSON array (see README, "Single sign-on"); unset or empty: local passwords only. */
export function loadSsoConfig(environment: NodeJS.ProcessEnv = process.env): SsoConfig {
  const raw = environment.SSO_ISSUERS?.trim() ?? '';
  let parsed: unknown = [];
  if (raw !== '') {
    try { parsed = JSON.parse(raw); } catch { throw new Error('SSO_ISSUERS must be a JSON array of issuers'); }
  }
  if (!Array.isArray(parsed)) throw new Error('SSO_ISSUERS must be a JSON array of issuers');
  const issuers = parsed.map(issuer);
  if (new Set(issuers.map((i) => i.name)).size !== issuers.length) throw new Error('SSO_ISSUERS: names must differ');
  const production = (environment.NODE_ENV ?? 'development') === 'production';
  const redirectUrl = environment.SSO_REDIRECT_URL?.trim() ?? '';
  if (issuers.length > 0 && redirectUrl === '') throw new Error('SSO_REDIRECT_URL is required when SSO_ISSUERS is set');
  const duration = (name: string, fallback: string) => parseDuration(environment[name]?.trim() || fallback);
  return {
    issuers,
    redirectUrl: redirectUrl === '' ? '' : new URL(redirectUrl).toString(),
    loginTtlMs: duration('SSO_LOGIN_TTL', '10m'),
    jwksCacheMaxAgeMs: duration('SSO_JWKS_MAX_AGE', '10m'),
    jwksCooldownMs: duration('SSO_JWKS_COOLDOWN', '30s'),
    allowInsecureHttp: !production,
  };
}
