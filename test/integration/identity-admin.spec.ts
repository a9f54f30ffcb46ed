import { http, login, uniqueWord, withDb } from '../support/http';
import { createAccount, enrol, GOOD_PASSWORD } from '../support/identity';

const lastAudit = (action: string, entityId: string) => withDb(async (db) => (await db.query(
  'SELECT actor, details FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1', [action, entityId])).rows[0]);
const newCode = () => `T${uniqueWord(6).toUpperCase()}`;

describe('identity administration', () => {
  let admin: string;
  const passwordLogin = (username: string, password = GOOD_PASSWORD) => http('POST', '/auth/token', { body: { username, password } });

  beforeAll(async () => { admin = await login('admin'); });

  it.each([
    ['GET', '/admin/users'], ['POST', '/admin/users'], ['GET', '/admin/agencies'], ['POST', '/admin/agencies/ICE/retire'],
  ])('refuses %s %s to a non-admin (403, audited)', async (method, path) => {
    const response = await http(method, path, { token: await login('leadership'), body: method === 'POST' ? {} : undefined });
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('ADMIN');
  });

  it('creates a user who must set a password first; refuses a weak or common first password with the reason', async () => {
    const username = `new.${uniqueWord()}`;
    const body = { username, agency: 'DEA', roles: ['CASE_AGENT'], fullName: 'Nueva Persona', password: 'qwertyuiop123' };
    const common = await http('POST', '/admin/users', { token: admin, body, headers: { 'accept-language': 'es' } });
    expect(common.status).toBe(400);
    expect(common.body).toMatchObject({ reason: 'common', errors: [expect.objectContaining({ field: 'password' })] });
    expect(common.body.detail).toContain('común');
    expect((await http('POST', '/admin/users', { token: admin, body: { ...body, password: 'elevenchars' } })).body.reason).toBe('too_short');

    const key = `create-${username}`;
    const created = await http('POST', '/admin/users', { token: admin, body: { ...body, password: 'a first password given' }, headers: { 'idempotency-key': key } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username, agency: 'DEA', status: 'ACTIVE', mustChangePassword: true, secondFactor: false });
    expect(created.body.passwordHash).toBeUndefined();
    const replay = await http('POST', '/admin/users', { token: admin, body: { ...body, password: 'a first password given' }, headers: { 'idempotency-key': key } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(created.body.id);
    expect((await http('POST', '/admin/users', { token: admin, body: { ...body, password: 'a first password given' } })).status).toBe(409);
    expect((await lastAudit('admin.user_created', created.body.id)).actor).toBe('admin');

    const first = await passwordLogin(username, 'a first password given');
    expect(first.body.pendingStep).toBe('CHANGE_PASSWORD');
    expect((await http('GET', '/cases', { token: first.body.accessToken })).status).toBe(403);
  });

  it('disables a user: their live token is refused, they cannot log in; enabling again needs a new login', async () => {
    const account = await createAccount(['CASE_AGENT']);
    const token = (await passwordLogin(account.username)).body.accessToken;
    expect((await http('GET', '/cases', { token })).status).toBe(200);
    const disabled = await http('POST', `/admin/users/${account.id}/disable`, { token: admin });
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('DISABLED');
    const refused = await http('GET', '/cases', { token });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('disabled');
    const loginRefused = await passwordLogin(account.username);
    expect(loginRefused.status).toBe(403);
    expect(loginRefused.body.accessToken).toBeUndefined();
    expect((await http('GET', `/admin/users?status=DISABLED&agency=FBI&limit=200`, { token: admin })).body.items.map((u: { id: string }) => u.id))
      .toContain(account.id);

    expect((await http('POST', `/admin/users/${account.id}/enable`, { token: admin })).body.status).toBe('ACTIVE');
    expect((await http('GET', '/cases', { token })).status).toBe(401);
    expect((await passwordLogin(account.username)).status).toBe(200);
  });

  it('changes roles and agency, lists with filters page by page, refuses an unknown agency', async () => {
    const account = await createAccount(['CASE_AGENT']);
    const changed = await http('PATCH', `/admin/users/${account.id}`, { token: admin, body: { roles: ['CASE_AGENT', 'REFERRAL_OFFICER'], agency: 'ATF' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ agency: 'ATF', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] });
    expect((await lastAudit('admin.user_updated', account.id)).details.changes.agency).toEqual({ from: 'FBI', to: 'ATF' });
    const unknown = await http('PATCH', `/admin/users/${account.id}`, { token: admin, body: { agency: 'NOPE' } });
    expect(unknown.status).toBe(400);
    expect((await http('PATCH', `/admin/users/${account.id}`, { token: admin, body: {} })).status).toBe(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string; agency: string; roles: string[] }[]; nextCursor: string | null } } = await http('GET',
        `/admin/users?agency=ATF&role=REFERRAL_OFFICER&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: admin });
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      for (const u of page.body.items) {
        expect(u.agency).toBe('ATF');
        expect(u.roles).toContain('REFERRAL_OFFICER');
        seen.push(u.id);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toContain(account.id);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lists a user\'s sessions and revokes one; logout revokes the caller\'s own', async () => {
    const account = await createAccount(['CASE_AGENT']);
    const a = (await passwordLogin(account.username)).body.accessToken;
    const b = (await passwordLogin(account.username)).body.accessToken;
    const sessions = await http('GET', `/admin/users/${account.id}/sessions`, { token: admin });
    expect(sessions.status).toBe(200);
    expect(sessions.body.items.length).toBe(2);
    const jtiOfA = JSON.parse(Buffer.from(a.split('.')[1], 'base64url').toString()).jti;
    expect((await http('DELETE', `/admin/users/${account.id}/sessions/${jtiOfA}`, { token: admin })).status).toBe(204);
    expect((await http('GET', '/cases', { token: a })).status).toBe(401);
    expect((await http('GET', '/cases', { token: b })).status).toBe(200);
    expect((await http('DELETE', `/admin/users/${account.id}/sessions/${jtiOfA}`, { token: admin })).status).toBe(404);
    expect((await http('POST', '/auth/logout', { token: b })).status).toBe(204);
    expect((await http('GET', '/cases', { token: b })).status).toBe(401);
    expect((await http('GET', `/admin/users/${account.id}/sessions`, { token: admin })).body.items).toEqual([]);
  });

  it('resets a password (a new one at next login) and a second factor (no code asked then)', async () => {
    const account = await createAccount(['CASE_AGENT']);
    await enrol((await passwordLogin(account.username)).body.accessToken);
    expect((await passwordLogin(account.username)).status).toBe(202);
    expect((await http('POST', `/admin/users/${account.id}/reset-second-factor`, { token: admin })).body.secondFactor).toBe(false);
    expect((await passwordLogin(account.username)).status).toBe(200);

    const weak = await http('POST', `/admin/users/${account.id}/reset-password`, { token: admin, body: { temporaryPassword: 'short' } });
    expect(weak.status).toBe(400);
    const reset = await http('POST', `/admin/users/${account.id}/reset-password`, { token: admin, body: { temporaryPassword: 'temporary and long enough' } });
    expect(reset.body.mustChangePassword).toBe(true);
    expect((await passwordLogin(account.username)).status).toBe(401);
    expect((await passwordLogin(account.username, 'temporary and long enough')).body.pendingStep).toBe('CHANGE_PASSWORD');
    expect((await lastAudit('admin.user_password_reset', account.id)).details).toMatchObject({ username: account.username });
  });

  it('adds and edits agencies and contact points; deletes an unused one, only retires one in use', async () => {
    const code = newCode();
    const created = await http('POST', '/admin/agencies', { token: admin, body: { code, name: 'Arizona DPS', country: 'US', kind: 'STATE' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code, kind: 'STATE', status: 'ACTIVE', contactPoints: [] });
    expect((await http('POST', '/admin/agencies', { token: admin, body: { code, name: 'Again', country: 'US', kind: 'STATE' } })).status).toBe(409);
    expect((await http('POST', '/admin/agencies', { token: admin, body: { code: 'bad code', name: 'x', country: 'US', kind: 'CITY' } })).status).toBe(400);
    expect((await http('PATCH', `/admin/agencies/${code}`, { token: admin, body: { name: 'Arizona Department of Public Safety' } })).body.name)
      .toBe('Arizona Department of Public Safety');

    const point = await http('POST', `/admin/agencies/${code}/contact-points`, { token: admin, body: { label: 'Duty officer', phone: '+1 602 555 0100' } });
    expect(point.status).toBe(201);
    expect((await http('POST', `/admin/agencies/${code}/contact-points`, { token: admin, body: { label: 'Nothing' } })).status).toBe(400);
    const edited = await http('PATCH', `/admin/agencies/${code}/contact-points/${point.body.id}`, { token: admin, body: { email: 'duty@azdps.example' } });
    expect(edited.body).toMatchObject({ email: 'duty@azdps.example', phone: '+1 602 555 0100' });
    expect((await http('PATCH', `/admin/agencies/${code}/contact-points/${point.body.id}`, { token: admin, body: { email: null, phone: null } })).status).toBe(400);
    expect((await http('GET', `/admin/agencies/${code}`, { token: admin })).body.contactPoints).toHaveLength(1);

    // In use: a user belongs to it.
    const member = await createAccount(['CASE_AGENT'], { agency: code });
    const inUse = await http('DELETE', `/admin/agencies/${code}`, { token: admin });
    expect(inUse.status).toBe(409);
    expect(inUse.body.detail).toContain('retire');
    expect((await http('POST', `/admin/agencies/${code}/retire`, { token: admin })).body.status).toBe('RETIRED');
    const listed = await http('GET', '/agencies', { token: admin });
    expect(listed.body.items.map((a: { code: string }) => a.code)).not.toContain(code);
    const intoRetired = await http('PATCH', `/admin/users/${member.id}`, { token: admin, body: { agency: 'FBI' } });
    expect(intoRetired.status).toBe(200);
    const back = await http('PATCH', `/admin/users/${member.id}`, { token: admin, body: { agency: code } });
    expect(back.status).toBe(400);
    expect(back.body.detail).toContain('retired');

    const unused = newCode();
    await http('POST', '/admin/agencies', { token: admin, body: { code: unused, name: 'Unused', country: 'CA', kind: 'LOCAL' } });
    expect((await http('DELETE', `/admin/agencies/${unused}`, { token: admin })).status).toBe(204);
    expect((await http('GET', `/admin/agencies/${unused}`, { token: admin })).status).toBe(404);
    expect((await lastAudit('admin.agency_deleted', unused)).actor).toBe('admin');
  });
});
