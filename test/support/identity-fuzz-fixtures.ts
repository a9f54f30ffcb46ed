import { http, login, uniqueWord } from './http';
import type { MatrixResource } from './matrix-fixtures';

/** Records of their own for the administration routes' valid requests, so the fuzz never disables a demo user. */
export async function identityFixtures(): Promise<Record<string, MatrixResource[]>> {
  const admin = await login('admin');
  const user = await adminCreatedUser(admin);
  const withSession = await adminCreatedUser(admin);
  const login1 = await http('POST', '/auth/token', { body: { username: withSession.username, password: FIRST_PASSWORD } });
  const jti = JSON.parse(Buffer.from(String(login1.body.accessToken).split('.')[1], 'base64url').toString()).jti as string;
  const code = `FZ${uniqueWord(6).toUpperCase()}`;
  const agency = await http('POST', '/admin/agencies', { token: admin, body: { code, name: 'Fuzz agency', country: 'US', kind: 'LOCAL' } });
  if (agency.status !== 201) throw new Error(`fuzz agency: ${agency.status} ${JSON.stringify(agency.body)}`);
  const point = async (): Promise<MatrixResource> => {
    const made = await http('POST', `/admin/agencies/${code}/contact-points`, { token: admin, body: { label: 'Fuzz desk', email: 'desk@fuzz.example' } });
    return own(made.body.id, { code });
  };
  const userResource = own(user.id);
  return {
    'PATCH /admin/users/{id}': [userResource], 'POST /admin/users/{id}/disable': [userResource],
    'POST /admin/users/{id}/enable': [userResource], 'POST /admin/users/{id}/reset-password': [userResource],
    'POST /admin/users/{id}/reset-second-factor': [userResource], 'POST /admin/users/{id}/unlock': [userResource],
    'DELETE /admin/users/{id}/sessions/{sessionId}': [own(withSession.id, { sessionId: jti })],
    'POST /admin/agencies/{code}/contact-points': [own(code, { code })],
    'PATCH /admin/agencies/{code}/contact-points/{id}': [await point()],
    'DELETE /admin/agencies/{code}/contact-points/{id}': [await point()],
  };
}

const FIRST_PASSWORD = 'a fuzz first password';
const own = (id: string, extra?: Record<string, string>): MatrixResource => ({ id, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [], extra });

async function adminCreatedUser(admin: string): Promise<{ id: string; username: string }> {
  const username = `fuzz.${uniqueWord()}`;
  const made = await http('POST', '/admin/users', {
    token: admin, body: { username, agency: 'ICE', roles: ['CASE_AGENT'], fullName: 'Fuzz Person', password: FIRST_PASSWORD },
  });
  if (made.status !== 201) throw new Error(`fuzz user: ${made.status} ${JSON.stringify(made.body)}`);
  return { id: made.body.id, username };
}
