import { generateKeyPairSync, randomUUID } from 'node:crypto';
import path from 'node:path';
import { freePort, ManagedProcess, startProcess, waitForHttp } from '../../libs/devstack/processes';
import { ExtraApi, startExtraApi } from './extra-api';

/** The audience the test provider's machine tokens are asked for, and that the API is configured to accept. */
export const SSO_AUDIENCE = 'https://casecoord.test/api';
export const MACHINE_SECRET = 'machine-secret-for-tests';
const CONSOLE_SECRET = 'console-secret-for-tests';
const output = (): 'prefixed' | 'quiet' => (process.env.TEST_STACK_LOGS ? 'prefixed' : 'quiet');

export type SigningKey = Record<string, unknown>;

/** A fresh RSA signing key as a private JWK with a key id of its own. */
export function newSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

/**
 * The test provider (test/support/oidc-provider.mjs) as its own process, and an API process configured with it as the
 * issuer `test-idp`, speaking for FBI, DEA and ZZZ (an agency code unknown here). `restartWithKeys` rotates the
 * provider's keys the way a provider does: it comes back on the same address signing with the first key given and
 * publishing all of them.
 */
export class OidcStack {
  private provider?: ManagedProcess;
  api!: ExtraApi;
  private constructor(readonly port: number, readonly apiPort: number) {}

  get issuer(): string { return `http://127.0.0.1:${this.port}`; }

  static async start(name: string, keys: SigningKey[] = [newSigningKey()]): Promise<OidcStack> {
    const stack = new OidcStack(await freePort(), await freePort());
    await stack.restartWithKeys(keys);
    const issuers = [{
      name: 'test-idp', label: 'Agency sign-in (test)', discoveryUrl: `${stack.issuer}/.well-known/openid-configuration`,
      clientId: 'casecoord-console', clientSecret: CONSOLE_SECRET, audience: SSO_AUDIENCE,
      agencyClaim: 'agency', rolesClaim: 'roles', agencies: ['FBI', 'DEA', 'ZZZ'], scopes: ['profile', 'casecoord'],
    }];
    try {
      stack.api = await startExtraApi(name, {
        PORT: String(stack.apiPort), SSO_ISSUERS: JSON.stringify(issuers),
        SSO_REDIRECT_URL: `http://127.0.0.1:${stack.apiPort}/auth/sso/callback`,
        // Keys are re-read at least every second and at once for an unknown key id: rotation is seen without waiting.
        SSO_JWKS_MAX_AGE: '1s', SSO_JWKS_COOLDOWN: '0',
      });
    } catch (error) {
      await stack.provider?.stop();
      throw error;
    }
    return stack;
  }

  async restartWithKeys(keys: SigningKey[]): Promise<void> {
    await this.provider?.stop();
    this.provider = startProcess('oidc-provider', process.execPath, [path.resolve(__dirname, 'oidc-provider.mjs')], {
      ...process.env, NODE_ENV: 'test', OIDC_PORT: String(this.port), OIDC_JWKS: JSON.stringify({ keys }),
      OIDC_REDIRECT_URI: `http://127.0.0.1:${this.apiPort}/auth/sso/callback`, OIDC_CONSOLE_SECRET: CONSOLE_SECRET,
    }, output());
    await waitForHttp(`${this.issuer}/.well-known/openid-configuration`, 30_000);
  }

  /** An access token from the provider for a machine client (client credentials), for the given audience. */
  async machineToken(clientId: string, audience = SSO_AUDIENCE): Promise<string> {
    const response = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${MACHINE_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource: audience }).toString(),
    });
    const body = await response.json() as { access_token?: string };
    if (!response.ok || !body.access_token) throw new Error(`the provider gave no token: ${response.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async stop(): Promise<void> {
    await this.api?.stop();
    await this.provider?.stop();
  }
}
