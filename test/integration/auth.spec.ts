import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEMO_PASSWORD, http, withDb } from '../support/http';
import { readStack } from '../support/stack';

describe('auth', () => {
  it('issues a JWT with the user, agency and roles of api.md', async () => {
    const response = await http('POST', '/auth/token', { body: { username: 'cbp.officer', password: DEMO_PASSWORD } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ expiresIn: 3600, user: { username: 'cbp.officer', agency: 'CBP', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] } });
    const [, payload] = response.body.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.agency).toBe('CBP');
  });

  it.each([
    ['wrong password', { username: 'ice.agent', password: 'nope' }, 401],
    ['unknown user', { username: 'nobody', password: DEMO_PASSWORD }, 401],
    ['missing password', { username: 'ice.agent' }, 400],
    ['extra field', { username: 'ice.agent', password: DEMO_PASSWORD, agency: 'FBI' }, 400],
  ])('%s -> %d', async (_name, body, status) => {
    const response = await http('POST', '/auth/token', { body });
    expect(response.status).toBe(status);
    expect(response.body.accessToken).toBeUndefined();
  });

  it('audits failed logins and stores only password hashes: argon2id, or the scrypt of earlier releases until the next login', async () => {
    const failures = () => withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor = 'atf.agent'`)).rows[0].n as number);
    const before = await failures();
    expect((await http('POST', '/auth/token', { body: { username: 'atf.agent', password: 'guess' } })).status).toBe(401);
    expect(await failures()).toBe(before + 1);
    await withDb(async (db) => {
      // Users provisioned through single sign-on have no password: they hold a marker that no hash can equal.
      const hashes = await db.query(
        'SELECT username, password_hash FROM users u WHERE NOT EXISTS (SELECT 1 FROM sso_identities i WHERE i.user_id = u.id)');
      expect(hashes.rows.every((r: any) => /^(\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$|scrypt\$)/.test(r.password_hash))).toBe(true);
      const ssoUsers = await db.query(
        `SELECT u.password_hash FROM users u JOIN sso_identities i ON i.user_id = u.id`);
      expect(ssoUsers.rows.filter((r: any) => r.password_hash !== '!sso-only')).toEqual([]);
      expect(hashes.rows.find((r: any) => r.username === 'atf.agent').password_hash).toMatch(/^\$argon2id\$/);
    });
  });

  it('rejects tokens signed with another secret or expired', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', username: 'admin', agency: 'ICE', roles: ['ADMIN'], exp: 4102444800 })).toString('base64url');
    const forged = `${header}.${body}.${Buffer.from('forged').toString('base64url')}`;
    expect((await http('GET', '/cases', { token: forged })).status).toBe(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${body}.`;
    expect((await http('GET', '/cases', { token: none })).status).toBe(401);
  });

  it('refuses to start in production without a real signing secret, and creates no demo users there', () => {
    const main = path.resolve(__dirname, '../../dist/apps/api/src/main.js');
    const run = spawnSync(process.execPath, [main], {
      env: { ...process.env, ...readStack().env, NODE_ENV: 'production', JWT_SECRET: '', PORT: '0', DATABASE_URL: readStack().databaseUrl },
      encoding: 'utf8', timeout: 30_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr + run.stdout).toContain('JWT_SECRET');
  });
});
