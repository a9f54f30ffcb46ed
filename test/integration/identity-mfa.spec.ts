import { randomUUID } from 'node:crypto';
import { legacyScryptHash } from '../../libs/auth/password';
import { ExtraApi, startExtraApi } from '../support/extra-api';
import { http, login, uniqueWord, withDb } from '../support/http';
import { createAccount, enrol, GOOD_PASSWORD } from '../support/identity';
import { totpCode } from '../support/totp';

/**
 * Second factor and passwords on an API process with the default MFA_REQUIRED_ROLES (ADMIN, LEADERSHIP: the shared
 * stack requires none so its suites sign in as before), LOGIN_MAX_FAILURES 5 as everywhere.
 */
const auditCount = (actor: string, action: string): Promise<number> => withDb(async (db) => (await db.query(
  'SELECT count(*)::int AS n FROM audit_log WHERE actor = $1 AND action = $2', [actor, action])).rows[0].n);

describe('identity: second factor and passwords', () => {
  let api: ExtraApi;
  const on = (extra: Record<string, unknown> = {}) => ({ baseUrl: api.url, ...extra });
  const passwordLogin = (username: string, password = GOOD_PASSWORD) => http('POST', '/auth/token', on({ body: { username, password } }));
  const secondFactor = (challenge: string, code: string) => http('POST', '/auth/token/second-factor', on({ body: { challenge, code } }));

  beforeAll(async () => { api = await startExtraApi('api-identity', { MFA_REQUIRED_ROLES: 'ADMIN,LEADERSHIP' }); });
  afterAll(async () => { await api?.stop(); });

  it('enrols a TOTP factor (otpauth URI, QR code, recovery codes once), then asks for a code after the password', async () => {
    const account = await createAccount(['CASE_AGENT'], { baseUrl: api.url });
    const token = (await passwordLogin(account.username)).body.accessToken;
    const started = await http('POST', '/auth/mfa/enrol', on({ token }));
    expect(started.status).toBe(200);
    expect(started.body.otpauthUri).toMatch(new RegExp(`^otpauth://totp/Case%20Coordination:${account.username.replace('.', '\\.')}\\?`));
    expect(started.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const wrong = await http('POST', '/auth/mfa/confirm', on({ token, body: { code: '000000' } }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('code');

    const { secret, recoveryCodes } = await enrol(token, api.url);
    expect(recoveryCodes).toHaveLength(10);
    // The factor's secret is stored sealed (SECRETS_KEYS), never in clear; the sign-ins below read it back.
    const sealed = await withDb(async (db) => (await db.query('SELECT totp_secret FROM users WHERE id = $1', [account.id])).rows[0].totp_secret as string);
    expect(sealed).toMatch(/^aes256gcm:[\w.-]+:[\w-]+$/);
    expect(sealed).not.toContain(secret);
    const stored = await withDb(async (db) => (await db.query(
      'SELECT code_hash FROM mfa_recovery_codes WHERE user_id = $1', [account.id])).rows.map((r) => r.code_hash as string));
    expect(stored).toHaveLength(10);
    expect(stored.some((hash) => recoveryCodes.some((code) => hash.includes(code.replace('-', ''))))).toBe(false);
    expect((await http('POST', '/auth/mfa/enrol', on({ token }))).status).toBe(409);

    const first = await passwordLogin(account.username);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ challenge: expect.any(String), expiresIn: 300, next: 'SECOND_FACTOR' });
    expect(first.body.accessToken).toBeUndefined();
    // The challenge is no access token.
    expect((await http('GET', '/cases', on({ token: first.body.challenge }))).status).toBe(401);
    // The step the confirmation spent cannot sign in again; the next step's code can, once.
    const code = totpCode(secret, 30);
    const signedIn = await secondFactor(first.body.challenge, code);
    expect(signedIn.status).toBe(200);
    expect((await http('GET', '/cases', on({ token: signedIn.body.accessToken }))).status).toBe(200);
    const replayed = await secondFactor(first.body.challenge, code);
    expect(replayed.status).toBe(401);
    expect(replayed.body.detail).toContain('already used');
    expect(await auditCount(account.username, 'auth.mfa_enrolled')).toBe(1);
  });

  it('accepts each recovery code once', async () => {
    const account = await createAccount(['CASE_AGENT'], { baseUrl: api.url });
    const { recoveryCodes } = await enrol((await passwordLogin(account.username)).body.accessToken, api.url);
    const challenge = (await passwordLogin(account.username)).body.challenge;
    const used = await secondFactor(challenge, recoveryCodes[3].toLowerCase());
    expect(used.status).toBe(200);
    expect(used.body.recoveryCodesLeft).toBe(9);
    const again = await secondFactor((await passwordLogin(account.username)).body.challenge, recoveryCodes[3]);
    expect(again.status).toBe(401);
    expect(await auditCount(account.username, 'auth.second_factor_failed')).toBe(1);
  });

  it('counts wrong codes in the login lockout: the fifth failure locks, and then even the right code gets 429', async () => {
    const account = await createAccount(['CASE_AGENT'], { baseUrl: api.url });
    const { secret } = await enrol((await passwordLogin(account.username)).body.accessToken, api.url);
    const challenge = (await passwordLogin(account.username)).body.challenge;
    for (const code of ['111111', '222222', '333333']) expect((await secondFactor(challenge, code)).status).toBe(401);
    const locking = await secondFactor(challenge, '444444');
    expect(locking.status).toBe(429);
    expect(Number(locking.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await secondFactor(challenge, totpCode(secret, 30))).status).toBe(429);
    expect((await passwordLogin(account.username)).status).toBe(429);
    expect(await auditCount(account.username, 'auth.second_factor_failed')).toBe(4);
    expect(await auditCount(account.username, 'auth.locked')).toBe(1);

    // An administrator lifts the lock.
    const unlocked = await http('POST', `/admin/users/${account.id}/unlock`, { token: await login('admin') });
    expect(unlocked.status).toBe(200);
    expect((await passwordLogin(account.username)).status).toBe(202);
  });

  it('makes a LEADERSHIP user enrol before any other route answers; the same token then becomes a full session', async () => {
    const account = await createAccount(['LEADERSHIP'], { baseUrl: api.url });
    const first = await passwordLogin(account.username);
    expect(first.status).toBe(200);
    expect(first.body.pendingStep).toBe('ENROL_SECOND_FACTOR');
    const token = first.body.accessToken;
    const refused = await http('GET', '/agencies', on({ token }));
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('second factor');
    await enrol(token, api.url);
    expect((await http('GET', '/agencies', on({ token }))).status).toBe(200);
    expect((await passwordLogin(account.username)).status).toBe(202);
  });

  it('refuses a weak new password with its reason, in English and Spanish', async () => {
    const account = await createAccount(['CASE_AGENT'], { baseUrl: api.url });
    const token = (await passwordLogin(account.username)).body.accessToken;
    const change = (newPassword: string, lang = 'en') => http('POST', '/auth/password', on({
      token, headers: { 'accept-language': lang }, body: { currentPassword: GOOD_PASSWORD, newPassword },
    }));
    const short = await change('short-one');
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ reason: 'too_short', detail: 'The password must have at least 12 characters.' });
    const common = await change('Password123456!', 'es');
    expect(common.status).toBe(400);
    expect(common.body.reason).toBe('common');
    expect(common.body.detail).toContain('demasiado común');
    expect((await change(`x-${account.username}-x`)).body.reason).toBe('contains_username');
    const wrongCurrent = await http('POST', '/auth/password', on({ token, body: { currentPassword: 'not the password', newPassword: 'another fine passphrase' } }));
    expect(wrongCurrent.status).toBe(400);
    expect((await change('another fine passphrase')).body).toEqual({ pendingStep: null });
    expect((await passwordLogin(account.username, 'another fine passphrase')).status).toBe(200);
  });

  it('verifies a password hashed by an earlier release (scrypt) and stores it as argon2id', async () => {
    const username = `legacy.${uniqueWord()}`;
    await withDb(async (db) => db.query(
      `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name) VALUES ($1, $2, $3, 'FBI', '{CASE_AGENT}', 'Old Hash')`,
      [randomUUID(), username, await legacyScryptHash(GOOD_PASSWORD)]));
    expect((await passwordLogin(username)).status).toBe(200);
    const stored = await withDb(async (db) => (await db.query('SELECT password_hash FROM users WHERE username = $1', [username])).rows[0].password_hash);
    expect(stored).toMatch(/^\$argon2id\$/);
    expect((await passwordLogin(username)).status).toBe(200);
  });
});
