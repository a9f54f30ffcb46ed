import { JwtService } from '@nestjs/jwt';
import { DEMO_PASSWORD, http, login, sampleCase, withDb } from '../support/http';
import { readStack } from '../support/stack';

/**
 * Issue 22, item 1: a token signed with the real secret but carrying claims its session's user does not have is
 * refused and audited; the session row alone says who the caller is. And POST /auth/logout ends a session.
 */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
const maxSeq = () => withDb(async (db) => (await db.query('SELECT coalesce(max(seq), 0) AS seq FROM audit_log')).rows[0].seq);
const auditSince = (seq: string, action: string) => withDb(async (db) => (await db.query(
  'SELECT actor, agency, details, audit_log::text AS text FROM audit_log WHERE seq > $1 AND action = $2 ORDER BY seq', [seq, action])).rows);

async function freshToken(username: string): Promise<string> {
  const response = await http('POST', '/auth/token', { body: { username, password: DEMO_PASSWORD } });
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

describe('tokens carry no authority of their own', () => {
  const signer = new JwtService({ secret: readStack().env.JWT_SECRET, signOptions: { algorithm: 'HS256' } });
  let atfCaseId: string;
  const atfCase = sampleCase();
  const atfSubject = (atfCase.subjects as { fullName?: string }[])[0].fullName as string;

  beforeAll(async () => {
    const created = await http('POST', '/cases', { token: await login('atf.agent'), body: atfCase });
    expect(created.status).toBe(201);
    atfCaseId = created.body.id;
  });

  it("refuses (401) a real session's token re-signed with another agency, and audits the attempt without the token", async () => {
    const token = await freshToken('ice.agent');
    // The same claims, re-signed: still the ICE agent, who may not see an ATF case.
    expect((await http('GET', `/cases/${atfCaseId}`, { token: signer.sign(claimsOf(token)) })).status).toBe(404);

    const from = await maxSeq();
    const forged = signer.sign({ ...claimsOf(token), agency: 'ATF' });
    const answer = await http('GET', `/cases/${atfCaseId}`, { token: forged });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');

    const rows = await auditSince(from, 'auth.token_mismatch');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'ice.agent', agency: 'ICE' });
    expect(rows[0].details).toMatchObject({ claims: ['agency'], ip: expect.any(String), route: 'GET /cases/:id' });
    expect(rows[0].text).not.toContain(forged.split('.')[2]);
    expect(JSON.stringify(answer.body)).not.toContain(atfSubject);
  });

  it("refuses (401) a token re-signed as leadership on /audit, audited under the session's real user", async () => {
    const token = await freshToken('fbi.agent');
    expect((await http('GET', '/audit', { token })).status).toBe(403);

    const from = await maxSeq();
    const forged = signer.sign({ ...claimsOf(token), username: 'leadership', roles: ['LEADERSHIP'] });
    const answer = await http('GET', '/audit', { token: forged });
    expect(answer.status).toBe(401);
    expect(answer.body.items).toBeUndefined();

    const rows = await auditSince(from, 'auth.token_mismatch');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'fbi.agent', agency: 'FBI' });
    expect([...rows[0].details.claims].sort()).toEqual(['roles', 'username']);
    expect(rows[0].details.route).toBe('GET /audit');
    const asLeadership = await withDb(async (db) => (await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE seq > $1 AND actor = 'leadership'`, [from])).rows[0].n);
    expect(asLeadership).toBe(0);
  });

  it('POST /auth/logout ends the caller\'s session: its token is then 401; other sessions of the user go on; audited', async () => {
    const [ending, other] = [await freshToken('dea.agent'), await freshToken('dea.agent')];
    expect((await http('GET', '/cases', { token: ending })).status).toBe(200);
    const from = await maxSeq();

    const out = await http('POST', '/auth/logout', { token: ending });
    expect(out.status).toBe(204);
    const refused = await http('GET', '/cases', { token: ending });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect((await http('POST', '/auth/logout', { token: ending })).status).toBe(401);
    expect((await http('GET', '/cases', { token: other })).status).toBe(200);

    const rows = await auditSince(from, 'auth.logout');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'dea.agent', agency: 'DEA' });
    const session = await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM sessions WHERE jti = $1', [claimsOf(ending).jti])).rows[0].n);
    expect(session).toBe(0);
  });

  it('POST /auth/logout takes no fields and needs a token', async () => {
    const token = await freshToken('dea.agent');
    expect((await http('POST', '/auth/logout', { token, body: { everywhere: true } })).status).toBe(400);
    expect((await http('GET', '/cases', { token })).status).toBe(200);
    expect((await http('POST', '/auth/logout', {})).status).toBe(401);
  });
});
