import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../libs/auth/password';
import { ExtraApi, startExtraApi } from '../support/extra-api';
import { http, login, uniqueWord, withDb } from '../support/http';
import { freshLoopback, httpFrom } from '../support/source-address';
import { ACCOUNT_TEST_ENV, readStack } from '../support/stack';

/**
 * ACCOUNT_TEST_ENV: SESSION_IDLE_TIMEOUT=3s, LOGIN_LOCKOUT=3s, WRITE_RATE_LIMIT=5 per WRITE_RATE_WINDOW=1m,
 * LOGIN_RATE_LIMIT=25 and ANON_RATE_LIMIT=20 per source address and minute. Each test logs in from a loopback address
 * of its own, so the per-address limits count that test's requests only.
 */
const PASSWORD = 'a-long-enough-password';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createUser(prefix: string, roles = ['CASE_AGENT']): Promise<string> {
  const username = `${prefix}.${uniqueWord()}`;
  const hash = await hashPassword(PASSWORD);
  await withDb((db) => db.query(
    `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name) VALUES ($1, $2, $3, 'FBI', $4, 'Test User')`,
    [randomUUID(), username, hash, roles],
  ));
  return username;
}

const auditCount = (actor: string, action: string): Promise<number> => withDb(async (db) => (await db.query(
  'SELECT count(*)::int AS n FROM audit_log WHERE actor = $1 AND action = $2', [actor, action])).rows[0].n);
const auditByIp = (ip: string, action: string): Promise<Record<string, unknown>[]> => withDb(async (db) => (await db.query(
  `SELECT details FROM audit_log WHERE action = $1 AND details->>'ip' = $2`, [action, ip])).rows.map((r) => r.details));

describe('account protection', () => {
  let api: ExtraApi;
  let source: string;
  const on = (extra: Record<string, unknown> = {}) => ({ baseUrl: api.url, ...extra });
  const tokenFor = async (username: string, password = PASSWORD, from = source) =>
    httpFrom(from, 'POST', '/auth/token', on({ body: { username, password } }));

  beforeAll(async () => { api = await startExtraApi('api-accounts', ACCOUNT_TEST_ENV); });
  beforeEach(() => { source = freshLoopback(); });
  afterAll(async () => { await api?.stop(); });

  it('locks a username after 5 failed logins: 429 with Retry-After even with the right password, audited, until the lock ends', async () => {
    const username = await createUser('lock');
    for (let i = 0; i < 4; i += 1) expect((await tokenFor(username, 'wrong')).status).toBe(401);
    const locking = await tokenFor(username, 'wrong');
    expect(locking.status).toBe(429);
    expect(locking.headers.get('content-type')).toContain('application/problem+json');
    expect(locking.body).toMatchObject({ status: 429, title: 'Too many requests', detail: expect.stringContaining('failed logins') });
    expect(Number(locking.headers.get('retry-after'))).toBe(3);

    const right = await tokenFor(username);
    expect(right.status).toBe(429);
    expect(right.body.accessToken).toBeUndefined();
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    expect(await auditCount(username, 'auth.locked')).toBe(1);
    expect(await auditCount(username, 'auth.login_refused_locked')).toBe(1);
    expect(await auditCount(username, 'auth.login_failed')).toBe(5);

    await sleep(retryAfter * 1000 + 300);
    const after = await tokenFor(username);
    expect(after.status).toBe(200);
    expect(after.body.accessToken).toEqual(expect.any(String));
  });

  it('answers an unknown username exactly like a real one, so the lock tells nothing about who exists', async () => {
    const real = await createUser('enum');
    const unknown = `enum.${uniqueWord()}`;
    const run = async (username: string) => {
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(await tokenFor(username, 'wrong'));
      answers.push(await tokenFor(username, PASSWORD));
      // Seconds left may differ by one between the two runs; everything else must be identical.
      return answers.map((r) => ({
        status: r.status, retryAfter: r.headers.get('retry-after') !== null, body: { ...r.body, detail: String(r.body.detail).replace(/\d+/g, 'N') },
      }));
    };
    const [forReal, forUnknown] = [await run(real), await run(unknown)];
    expect(forReal.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(forUnknown).toEqual(forReal);
  });

  it('starts the count again after a successful login', async () => {
    const username = await createUser('reset');
    // Eight failures in all, never five in a row: each success started the count again.
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 4; i += 1) expect((await tokenFor(username, 'wrong')).status).toBe(401);
      expect((await tokenFor(username)).status).toBe(200);
    }
  });

  it('decides the count and the lock before any password is checked: a burst of guesses cannot carry the right one through', async () => {
    const username = await createUser('race');
    for (let i = 0; i < 4; i += 1) expect((await tokenFor(username, 'wrong')).status).toBe(401);
    const guesses = Array.from({ length: 15 }, () => tokenFor(username, 'wrong'));
    await sleep(30);
    const right = await tokenFor(username);
    const answers = await Promise.all(guesses);
    expect(right.status).toBe(429);
    expect(right.body.accessToken).toBeUndefined();
    expect(answers.map((a) => a.status)).toEqual(Array(15).fill(429));
    // At most LOGIN_MAX_FAILURES (5) passwords were ever checked for the username.
    expect(await auditCount(username, 'auth.login_failed')).toBeLessThanOrEqual(5);
    expect(await auditCount(username, 'auth.locked')).toBe(1);
  });

  it('limits logins per source address (LOGIN_RATE_LIMIT): a spray gets 429 with Retry-After, audited once; other addresses log in', async () => {
    const sprayed = await Promise.all(Array.from({ length: 25 }, () => tokenFor(`spray.${uniqueWord()}`, 'guess')));
    expect(sprayed.map((r) => r.status)).toEqual(Array(25).fill(401));
    // The bucket refills 25 a minute, so a guess or two may pass while the burst is checked; then every one is refused.
    let next = await tokenFor(`spray.${uniqueWord()}`, 'guess');
    for (let i = 0; i < 10 && next.status === 401; i += 1) next = await tokenFor(`spray.${uniqueWord()}`, 'guess');
    // The next two arrive together: one after the other, on a loaded machine, each may wait out a refill (2.4 s).
    const refused = [next, ...await Promise.all([tokenFor(`spray.${uniqueWord()}`, 'guess'), tokenFor(`spray.${uniqueWord()}`, 'guess')])];
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429]);
    expect(refused[0].headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused[0].headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused[0].body.detail).toContain('login attempts');
    // Refused before the password is looked at: a real account's right password is refused alike from there.
    const real = await createUser('spray');
    expect((await tokenFor(real)).status).toBe(429);
    const audited = await auditByIp(source, 'rate_limit.exceeded');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ scope: 'login', limit: 25 });
    expect((await tokenFor(real, PASSWORD, freshLoopback())).status).toBe(200);
  });

  it('limits anonymous requests per source address (ANON_RATE_LIMIT): 429 with Retry-After beyond it, audited once', async () => {
    const answers = [];
    for (let i = 0; i < 24; i += 1) answers.push(await httpFrom(source, 'GET', '/cases', on(i % 2 ? { token: 'forged' } : {})));
    expect(answers.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(401));
    expect(answers.slice(20).map((a) => a.status)).toEqual([429, 429, 429, 429]);
    expect(Number(answers[20].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(answers[20].headers.get('content-type')).toContain('application/problem+json');
    expect(await auditByIp(source, 'rate_limit.exceeded')).toEqual([expect.objectContaining({ scope: 'anonymous', limit: 20 })]);
    // A valid token from the same address is not anonymous: it goes through.
    const { body } = await tokenFor(await createUser('anon'));
    expect((await httpFrom(source, 'GET', '/lookouts', on({ token: body.accessToken }))).status).toBe(200);
  });

  it('refuses an expired token (401) that differs from a working one only in its expiry', async () => {
    const token = await login('fbi.agent');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const signer = new JwtService({ secret: readStack().env.JWT_SECRET, signOptions: { algorithm: 'HS256' } });
    const now = Math.floor(Date.now() / 1000);
    const live = signer.sign({ ...claims, iat: now - 60, exp: now + 60 });
    const expired = signer.sign({ ...claims, iat: now - 120, exp: now - 1 });
    expect((await http('GET', '/lookouts', { token: live })).status).toBe(200);
    const refused = await http('GET', '/lookouts', { token: expired });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    // A well-signed token whose session was never opened (or has no jti) is refused too.
    expect((await http('GET', '/lookouts', { token: signer.sign({ ...claims, jti: randomUUID(), iat: now, exp: now + 60 }) })).status).toBe(401);
    const { jti: _jti, ...withoutJti } = claims;
    expect((await http('GET', '/lookouts', { token: signer.sign({ ...withoutJti, iat: now, exp: now + 60 }) })).status).toBe(401);
  });

  it('ends a session idle for SESSION_IDLE_TIMEOUT; activity keeps it alive, with few writes of last_seen_at', async () => {
    const username = await createUser('idle');
    const { body } = await tokenFor(username);
    const token = body.accessToken as string;
    const jti = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).jti;
    const lastSeen = async () => withDb(async (db) => (await db.query('SELECT last_seen_at FROM sessions WHERE jti = $1', [jti])).rows[0].last_seen_at.getTime());

    expect((await http('GET', '/lookouts', on({ token }))).status).toBe(200);
    const touched = await lastSeen();
    for (let i = 0; i < 5; i += 1) expect((await http('GET', '/lookouts', on({ token }))).status).toBe(200);
    expect(await lastSeen()).toBe(touched);

    // Used every 800 ms for 4.8 s: longer than the timeout in total, never idle that long.
    for (let i = 0; i < 6; i += 1) {
      await sleep(800);
      expect((await http('GET', '/lookouts', on({ token }))).status).toBe(200);
    }
    expect(await lastSeen()).toBeGreaterThan(touched);

    await sleep(3500);
    const idle = await http('GET', '/lookouts', on({ token, headers: { 'accept-language': 'es' } }));
    expect(idle.status).toBe(401);
    expect(idle.body.detail).toContain('sin actividad');
    expect((await http('POST', '/lookouts', on({ token, body: { type: 'EMAIL', value: 'x@example.org', note: 'n' } }))).status).toBe(401);
    const denied = await withDb(async (db) => (await db.query(
      `SELECT details->>'reason' AS reason FROM audit_log WHERE actor = $1 AND action = 'access.denied'`, [username])).rows);
    expect(denied.map((d) => d.reason)).toEqual(['session idle, expired or unknown', 'session idle, expired or unknown']);
    const fresh = await tokenFor(username);
    expect((await http('GET', '/lookouts', on({ token: fresh.body.accessToken }))).status).toBe(200);
  });

  it("limits each user's writes: 429 with Retry-After beyond the burst, audited once, nothing written; reads and other users go on", async () => {
    const [busy, other] = [await createUser('rate'), await createUser('rate')];
    const [busyToken, otherToken] = [(await tokenFor(busy)).body.accessToken, (await tokenFor(other)).body.accessToken];
    const lookout = () => ({ type: 'EMAIL', value: `${uniqueWord()}@example.org`, note: 'rate limit test' });
    const owned = (username: string) => withDb(async (db) => (await db.query(
      'SELECT count(*)::int AS n FROM lookouts l JOIN users u ON u.id = l.owner_user_id WHERE u.username = $1', [username])).rows[0].n);

    const burst = await Promise.all(Array.from({ length: 5 }, () => http('POST', '/lookouts', on({ token: busyToken, body: lookout() }))));
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const refused = await Promise.all(Array.from({ length: 4 }, () => http('POST', '/lookouts', on({ token: busyToken, body: lookout() }))));
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(refused[0].headers.get('content-type')).toContain('application/problem+json');
    // 5 per minute refill one every 12 s.
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
    expect(Number(refused[0].headers.get('retry-after'))).toBeLessThanOrEqual(12);
    expect(refused[0].body.detail).toContain('at most 5 per 60 seconds');
    // Refused before the role check and the body: another write route and a wrong-role route are refused alike.
    expect((await http('POST', '/cases', on({ token: busyToken, body: {} }))).status).toBe(429);
    expect((await http('POST', '/action-items', on({ token: busyToken, body: {} }))).status).toBe(429);

    expect(await owned(busy)).toBe(5);
    expect(await auditCount(busy, 'rate_limit.exceeded')).toBe(1);
    expect((await http('GET', '/lookouts', on({ token: busyToken }))).status).toBe(200);
    expect((await http('POST', '/lookouts', on({ token: otherToken, body: lookout() }))).status).toBe(201);
  });
});
