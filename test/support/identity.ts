import { http, login, uniqueWord } from './http';
import { secretOf, totpCode } from './totp';

/** A password the policy accepts (12+ characters, not common, no username inside). */
export const GOOD_PASSWORD = 'violet harbour lantern 42';

export interface TestAccount { id: string; username: string; password: string }

/**
 * A user created by the demo admin through POST /admin/users, whose first password is replaced as the policy demands,
 * so the account is ready to use (`baseUrl`: the API it signs in to).
 */
export async function createAccount(
  roles: string[], options: { agency?: string; baseUrl?: string; prefix?: string } = {},
): Promise<TestAccount> {
  const admin = await login('admin');
  const username = `${options.prefix ?? 'id'}.${uniqueWord()}`;
  const created = await http('POST', '/admin/users', {
    token: admin,
    body: { username, agency: options.agency ?? 'FBI', roles, fullName: 'Test Person', password: 'first temporary secret' },
  });
  if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  const first = await http('POST', '/auth/token', { baseUrl: options.baseUrl, body: { username, password: 'first temporary secret' } });
  const changed = await http('POST', '/auth/password', {
    baseUrl: options.baseUrl, token: first.body.accessToken,
    body: { currentPassword: 'first temporary secret', newPassword: GOOD_PASSWORD },
  });
  if (changed.status !== 200) throw new Error(`password of ${username}: ${changed.status} ${JSON.stringify(changed.body)}`);
  await http('POST', '/auth/logout', { baseUrl: options.baseUrl, token: first.body.accessToken });
  return { id: created.body.id, username, password: GOOD_PASSWORD };
}

/** Enrols a TOTP factor with a token of the account; returns the secret and the recovery codes. */
export async function enrol(token: string, baseUrl?: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await http('POST', '/auth/mfa/enrol', { baseUrl, token });
  if (started.status !== 200) throw new Error(`enrol: ${started.status} ${JSON.stringify(started.body)}`);
  const secret = secretOf(started.body.otpauthUri);
  const confirmed = await http('POST', '/auth/mfa/confirm', { baseUrl, token, body: { code: totpCode(secret) } });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes };
}
