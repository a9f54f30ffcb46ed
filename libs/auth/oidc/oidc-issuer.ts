import type * as Jose from 'jose';
import type * as OpenIdClient from 'openid-client';
import type { SsoConfig, SsoIssuerConfig } from '../../config/sso-config';

/*
 * openid-client 6 and jose 6 are ES modules. The API runs as CommonJS on Node >= 20.19, whose require() loads them; they
 * are required on first use rather than at the top, so that loading the compiled modules elsewhere (the access matrix
 * reads the API's routes from them inside Jest, which cannot load ES modules) never touches them.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const openIdClient = (): typeof OpenIdClient => require('openid-client') as typeof OpenIdClient;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jose = (): typeof Jose => require('jose') as typeof Jose;

/** Why a presented access token was not accepted (each has its own problem and audit reason). */
export type AccessTokenFault = 'expired' | 'audience' | 'signature' | 'invalid' | 'provider-unreachable';

export class AccessTokenRefused extends Error {
  constructor(readonly fault: AccessTokenFault, cause?: unknown) { super(`access token refused: ${fault}`, { cause }); }
}

export interface PkceChecks { state: string; nonce: string; codeVerifier: string }

interface Discovered { config: OpenIdClient.Configuration; jwks: Jose.JWTVerifyGetKey; issuer: string }

type Options = Pick<SsoConfig, 'allowInsecureHttp' | 'jwksCacheMaxAgeMs' | 'jwksCooldownMs' | 'redirectUrl'>;

/**
 * One configured provider: discovery on first use (retried after a failure, so a provider that was down at start is
 * found later), the authorization-code flow with PKCE through openid-client, and access tokens verified by jose
 * against the provider's published keys (createRemoteJWKSet re-reads them when an unknown key id appears, at most once
 * per cooldown, and whenever they are older than the cache age: a key the provider dropped stops working then).
 */
export class OidcIssuer {
  private discovered?: Promise<Discovered>;

  constructor(readonly settings: SsoIssuerConfig, private readonly options: Options) {}

  /** The issuer identifier OpenID Connect Discovery requires the discovery URL to be built from. */
  get expectedIssuer(): string {
    return this.settings.discoveryUrl.replace(/\/\.well-known\/openid-configuration$/, '');
  }

  async authorizationUrl(checks: PkceChecks): Promise<URL> {
    const { config } = await this.discover();
    const client = openIdClient();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUrl,
      scope: this.settings.scopes.join(' '),
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code (state, nonce and PKCE checked by openid-client); the ID token's claims, with userinfo's when it lacks the agency. */
  async exchange(callbackUrl: URL, checks: PkceChecks): Promise<Record<string, unknown>> {
    const { config } = await this.discover();
    const client = openIdClient();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true,
    });
    const claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) };
    if (claims[this.settings.agencyClaim] === undefined && typeof claims.sub === 'string') {
      Object.assign(claims, await client.fetchUserInfo(config, tokens.access_token, claims.sub), { sub: claims.sub });
    }
    return claims;
  }

  /** The payload of an access token this provider signed for this API, unexpired; else AccessTokenRefused. */
  async verifyAccessToken(token: string): Promise<Record<string, unknown>> {
    let discovered: Discovered;
    try {
      discovered = await this.discover();
    } catch (error) {
      throw new AccessTokenRefused('provider-unreachable', error);
    }
    try {
      const { payload } = await jose().jwtVerify(token, discovered.jwks, {
        issuer: discovered.issuer, audience: this.settings.audience, requiredClaims: ['exp', 'sub'],
      });
      return payload;
    } catch (error) {
      throw new AccessTokenRefused(faultOf(error), error);
    }
  }

  private discover(): Promise<Discovered> {
    if (!this.discovered) {
      this.discovered = this.runDiscovery();
      this.discovered.catch(() => { this.discovered = undefined; });
    }
    return this.discovered;
  }

  private async runDiscovery(): Promise<Discovered> {
    const client = openIdClient();
    const insecure = this.options.allowInsecureHttp && this.settings.discoveryUrl.startsWith('http:');
    const config = await client.discovery(
      new URL(this.settings.discoveryUrl), this.settings.clientId, this.settings.clientSecret, undefined,
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    const metadata = config.serverMetadata();
    if (!metadata.jwks_uri) throw new Error(`${this.settings.name}: the provider publishes no jwks_uri`);
    const jwks = jose().createRemoteJWKSet(new URL(metadata.jwks_uri), {
      cacheMaxAge: this.options.jwksCacheMaxAgeMs, cooldownDuration: this.options.jwksCooldownMs,
    });
    return { config, jwks, issuer: metadata.issuer };
  }
}

function faultOf(error: unknown): AccessTokenFault {
  const { code, claim } = (error ?? {}) as { code?: string; claim?: string };
  if (code === 'ERR_JWT_EXPIRED') return 'expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') return 'audience';
  if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') return 'signature';
  if (code === 'ERR_JWKS_TIMEOUT' || (error instanceof TypeError && /fetch/i.test(error.message))) return 'provider-unreachable';
  return 'invalid';
}
