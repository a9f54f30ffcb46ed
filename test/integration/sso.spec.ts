import { http, login, withDb } from '../support/http';
import { newSigningKey, OidcStack } from '../support/oidc-stack';

/**
 * Issue 19, single sign-on for API clients: access tokens issued by a real OpenID provider (test/support/oidc-provider.mjs,
 * its own process) presented to an API process configured with it (issuer `test-idp`, for FBI, DEA and ZZZ).
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const expiryOf = (token: string): number => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp;
/** This spec's refusals of one reason: API-client tokens (the browser spec's console sign-ins have no route). */
const refusals = (reason: string) => withDb(async (db) => (await db.query(
  `SELECT actor, agency, details FROM audit_log WHERE action = 'auth.sso_refused' AND details->>'reason' = $1 AND details ? 'route' ORDER BY seq`,
  [reason])).rows);

describe('single sign-on: provider access tokens', () => {
  let sso: OidcStack;
  const on = (token: string, extra: Record<string, unknown> = {}) => ({ baseUrl: sso.api.url, token, ...extra });

  beforeAll(async () => { sso = await OidcStack.start('api-sso'); });
  afterAll(async () => { await sso?.stop(); });

  it('accepts a token for this API and provisions its user just in time with the roles its claims give', async () => {
    const token = await sso.machineToken('svc-dea');
    const cases = await http('GET', '/cases', on(token));
    expect(cases.status).toBe(200);
    const user = await withDb(async (db) => (await db.query(
      `SELECT u.username, u.agency_code, u.roles FROM sso_identities i JOIN users u ON u.id = i.user_id WHERE i.issuer_name = 'test-idp' AND i.subject = 'svc-dea'`,
    )).rows);
    expect(user).toEqual([{ username: 'test-idp:svc-dea', agency_code: 'DEA', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] }]);
    expect((await http('GET', '/cases', on(token))).status).toBe(200);
    const provisioned = await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sso_provisioned' AND actor = 'test-idp:svc-dea'`)).rows[0].n);
    expect(provisioned).toBe(1);
    // The roles are the claims': no route beyond them.
    expect((await http('GET', '/stats?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&groupBy=agency', on(token))).status).toBe(403);
  });

  it('refuses a token issued for another audience (401, bilingual) and audits it', async () => {
    const token = await sso.machineToken('svc-fbi', 'https://other.example/api');
    const en = await http('GET', '/cases', on(token));
    expect(en.status).toBe(401);
    expect(en.headers.get('content-type')).toContain('application/problem+json');
    expect(en.body.detail).toBe('The provider\'s access token was not issued for this API.');
    const es = await http('GET', '/cases', on(token, { headers: { 'accept-language': 'es' } }));
    expect(es.body.detail).toBe('El token de acceso del proveedor no se emitió para esta API.');
    expect((await refusals('audience')).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses an expired token', async () => {
    const token = await sso.machineToken('svc-short');
    await sleep(Math.max(0, expiryOf(token) * 1000 - Date.now()) + 1100);
    const answer = await http('GET', '/cases', on(token));
    expect(answer.status).toBe(401);
    expect(answer.body.detail).toBe('The provider\'s access token has expired.');
    expect(await refusals('expired')).toEqual([expect.objectContaining({ actor: 'sso:test-idp', agency: null })]);
  });

  it('refuses a token whose signature was altered', async () => {
    const token = await sso.machineToken('svc-fbi');
    const [head, payload, signature] = token.split('.');
    const altered = `${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const answer = await http('GET', '/cases', on(altered));
    expect(answer.status).toBe(401);
    expect(answer.body.detail).toMatch(/not signed by a key the provider publishes|not valid/);
    expect((await http('GET', '/cases', on(token))).status).toBe(200);
  });

  it.each([
    ['an agency its issuer may not speak for', 'svc-atf', 'agencyNotAllowed', 'The sign-in provider test-idp may not speak for agency ATF.'],
    ['an agency unknown here', 'svc-ghost', 'agencyUnknown', 'Agency ZZZ is not known here.'],
    ['a role unknown here', 'svc-wizard', 'roleUnknown', 'Role WIZARD is not known here.'],
  ])('refuses a token claiming %s (403) and audits it', async (_name, client, reason, detail) => {
    const answer = await http('GET', '/cases', on(await sso.machineToken(client)));
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toBe(detail);
    expect(await refusals(reason)).toEqual([expect.objectContaining({ actor: `test-idp:${client}`, agency: null })]);
    const provisioned = await withDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM users WHERE username = $1`, [`test-idp:${client}`])).rows[0].n);
    expect(provisioned).toBe(0);
  });

  it('refuses a user disabled here whatever the provider says', async () => {
    const token = await sso.machineToken('svc-fbi');
    expect((await http('GET', '/cases', on(token))).status).toBe(200);
    await withDb((db) => db.query(`UPDATE users SET disabled_at = now() WHERE username = 'test-idp:svc-fbi'`));
    try {
      const answer = await http('GET', '/cases', on(await sso.machineToken('svc-fbi')));
      expect(answer.status).toBe(403);
      expect(answer.body.detail).toBe('This account is disabled here; ask an administrator.');
      expect(await refusals('userDisabled')).toEqual([expect.objectContaining({ actor: 'test-idp:svc-fbi', agency: 'FBI' })]);
    } finally {
      await withDb((db) => db.query(`UPDATE users SET disabled_at = NULL WHERE username = 'test-idp:svc-fbi'`));
    }
  });

  it('answers routes that need a session of this console with 403 for a provider token', async () => {
    const answer = await http('POST', '/auth/logout', on(await sso.machineToken('svc-dea')));
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toContain('needs a session of this console');
  });

  it('refuses a callback or hand-over it never started', async () => {
    const callback = await http('GET', '/auth/sso/callback?state=never-started&code=x', { baseUrl: sso.api.url });
    expect(callback.status).toBe(400);
    expect(callback.body.detail).toBe('This sign-in expired or was already used; sign in again.');
    const session = await http('POST', '/auth/sso/session', { baseUrl: sso.api.url, body: { handoff: 'never-handed-over' } });
    expect(session.status).toBe(401);
    expect((await http('GET', '/auth/sso/nobody/start', { baseUrl: sso.api.url })).status).toBe(404);
  });

  it('follows a key rotation: the new key works without a restart, a key no longer published stops working', async () => {
    const before = await sso.machineToken('svc-dea');
    expect((await http('GET', '/cases', on(before))).status).toBe(200);
    const [second, third] = [newSigningKey(), newSigningKey()];
    await sso.restartWithKeys([second]);
    // Past SSO_JWKS_MAX_AGE (1s) the API re-reads the keys even though no token named a new one: the old key is gone.
    await sleep(1100);
    const old = await http('GET', '/cases', on(before));
    expect(old.status).toBe(401);
    expect(old.body.detail).toBe('The provider\'s access token is not signed by a key the provider publishes.');
    const signedBySecond = await sso.machineToken('svc-dea');
    expect((await http('GET', '/cases', on(signedBySecond))).status).toBe(200);
    // Rotated again, the previous key still published: tokens of both keys pass.
    await sso.restartWithKeys([third, second]);
    expect((await http('GET', '/cases', on(await sso.machineToken('svc-dea')))).status).toBe(200);
    await sleep(1100);
    expect((await http('GET', '/cases', on(signedBySecond))).status).toBe(200);
  });
});

describe('single sign-on not configured', () => {
  it('lists no providers and keeps the password sign-in', async () => {
    const issuers = await http('GET', '/auth/sso/issuers');
    expect(issuers.status).toBe(200);
    expect(issuers.body).toEqual({ items: [] });
    expect((await http('GET', '/auth/sso/test-idp/start')).status).toBe(404);
    const token = await login('fbi.agent');
    expect((await http('GET', '/cases', { token })).status).toBe(200);
  });
});
