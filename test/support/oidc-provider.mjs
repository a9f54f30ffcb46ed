// A real OpenID Connect provider (the `oidc-provider` package) for the single sign-on specs, run as its own process by
// test/support/oidc-stack.ts. Everything comes from the environment, so the stack can restart it with other keys (key
// rotation): OIDC_PORT, OIDC_JWKS (private JWKs; the first signs, all are published), OIDC_REDIRECT_URI (the API's
// callback), OIDC_CONSOLE_SECRET. Its development sign-in form accepts any login with any password; the login names a
// person below. Machine clients (client credentials) stand for API clients; their access tokens are JWTs for whichever
// `resource` (audience) they ask, carrying the claims listed here.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;

/** People who sign in at the console, by login: the claims their agency's provider gives. */
const PEOPLE = {
  'fbi.sso': { agency: 'FBI', roles: ['CASE_AGENT'], name: 'Frida Sso' },
  'atf.sso': { agency: 'ATF', roles: ['CASE_AGENT'], name: 'Arturo Sso' },
  'odd.sso': { agency: 'FBI', roles: ['CASE_AGENT', 'WIZARD'], name: 'Odd Sso' },
};

/** API clients (client credentials): the claims of their access tokens, and a short life for `svc-short`. */
const MACHINES = {
  'svc-fbi': { agency: 'FBI', roles: ['CASE_AGENT'] },
  'svc-dea': { agency: 'DEA', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] },
  'svc-atf': { agency: 'ATF', roles: ['CASE_AGENT'] },
  'svc-ghost': { agency: 'ZZZ', roles: ['CASE_AGENT'] },
  'svc-wizard': { agency: 'FBI', roles: ['WIZARD'] },
  'svc-short': { agency: 'FBI', roles: ['CASE_AGENT'] },
};
const MACHINE_SECRET = 'machine-secret-for-tests';

const configuration = {
  clients: [
    {
      client_id: 'casecoord-console', client_secret: process.env.OIDC_CONSOLE_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'],
    },
    ...Object.keys(MACHINES).map((clientId) => ({
      client_id: clientId, client_secret: MACHINE_SECRET, grant_types: ['client_credentials'], redirect_uris: [], response_types: [],
    })),
  ],
  jwks: JSON.parse(process.env.OIDC_JWKS),
  // Development only: the provider's built-in login and consent pages.
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource, client) => ({
        scope: 'api', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: client.clientId === 'svc-short' ? 2 : 600,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  claims: { openid: ['sub'], profile: ['name'], casecoord: ['agency', 'roles'] },
  scopes: ['openid', 'profile', 'casecoord', 'api'],
  // The agency and roles in the ID token itself, as providers are commonly set up to do.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    const person = PEOPLE[id];
    if (!person) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...person }) };
  },
  extraTokenClaims: async (_ctx, token) => (token.kind === 'ClientCredentials' ? MACHINES[token.clientId] : undefined),
  ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  loadExistingGrant: async (ctx) => {
    // Consent is implied for the console: grant what it asks (the test provider has no consent page worth testing).
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
    grant.addOIDCClaims(['agency', 'roles', 'name']);
    await grant.save();
    return grant;
  },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider server_error: ${error.stack}\n`));
provider.listen(port, '127.0.0.1', () => process.stdout.write(`oidc-provider listening on ${issuer}\n`));
