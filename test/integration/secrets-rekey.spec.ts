import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Client } from 'pg';
import { generateSecretsKeys } from '../../libs/config/secrets-keys';
import type { Db } from '../../libs/db/sql';
import { signWebhook, verifyWebhook } from '../../libs/watch-desk/watch-desk-message';
import { WatchDeskRepository } from '../../libs/watch-desk/watch-desk.repository';
import { ExtraApi, startExtraApi } from '../support/extra-api';
import { http, login, uniqueWord, withDb } from '../support/http';
import { createAccount, enrol, GOOD_PASSWORD } from '../support/identity';
import { readStack } from '../support/stack';
import { totpCode } from '../support/totp';

/**
 * `npm run secrets:rekey` after a SECRETS_KEYS rotation: a TOTP and a webhook secret stored through the shared API
 * under its key (A) are re-sealed under a new key B listed first (B,A), still open, and a second run changes nothing.
 * The shared API and worker know only A, so the spec checks sign-in on an API process of its own with B,A, and at the
 * end rotates back (A,B) so every value the rest of the suite reads is under A again.
 */
const SCRIPT = path.resolve(__dirname, '../../dist/scripts/secrets-rekey.js');
const keyA = readStack().env.SECRETS_KEYS;
const keyB = generateSecretsKeys(`rekey-b-${uniqueWord(4)}`);
const keyC = generateSecretsKeys(`rekey-c-${uniqueWord(4)}`);
const idOf = (keyList: string) => keyList.split(':')[0];

interface Run { status: number; stdout: string; stderr: string }

/** The command as an operator runs it, against the stack's database as its owner. */
function rekey(secretsKeys: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATABASE_URL: readStack().databaseUrl, SECRETS_KEYS: secretsKeys };
  delete env.MIGRATION_DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const rowsOf = (db: Client) => ({ query: async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows }) as unknown as Db;
const rekeyAudits = (): Promise<{ entity_id: string; details: Record<string, unknown> }[]> => withDb(async (db) => (await db.query(
  `SELECT entity_id, details FROM audit_log WHERE actor = 'system:secrets-rekey' AND action = 'secrets.rekeyed' ORDER BY seq`)).rows);

describe('secrets:rekey', () => {
  const hookUrl = `https://desk.ice.example/${uniqueWord()}`;
  const hookSecret = `whsec-${uniqueWord(16)}`;
  const saved = process.env.SECRETS_KEYS;
  let api: ExtraApi | undefined;

  beforeAll(() => { process.env.SECRETS_KEYS = `${keyB},${keyA}`; });
  afterAll(async () => {
    await api?.stop();
    // Back under A (the shared stack's only key), and ICE's desk empty again as the watch-desk specs leave it.
    const back = await rekey(`${keyA},${keyB}`);
    await withDb((db) => db.query(`DELETE FROM watch_desk_contacts WHERE agency_code = 'ICE'`));
    if (saved === undefined) delete process.env.SECRETS_KEYS; else process.env.SECRETS_KEYS = saved;
    if (back.status !== 0) throw new Error(`rotating back to A failed: ${back.stderr}`);
  });

  it('re-seals TOTP and webhook secrets under the first key, still opening; refuses a list without their key; a second run changes nothing', async () => {
    const account = await createAccount(['CASE_AGENT']);
    const token = (await http('POST', '/auth/token', { body: { username: account.username, password: GOOD_PASSWORD } })).body.accessToken;
    const { secret } = await enrol(token);
    const put = await http('PUT', '/agencies/ICE/watch-desk', {
      token: await login('admin'), body: { emails: [], webhooks: [{ url: hookUrl, secret: hookSecret }] },
    });
    expect(put.status).toBe(200);
    const stored = () => withDb(async (db) => ({
      totp: (await db.query('SELECT totp_secret FROM users WHERE id = $1', [account.id])).rows[0].totp_secret as string,
      hook: (await db.query(`SELECT secret FROM watch_desk_contacts WHERE agency_code = 'ICE' AND address = $1`, [hookUrl])).rows[0].secret as string,
    }));
    const before = await stored();
    expect(before.totp).toMatch(new RegExp(`^aes256gcm:${idOf(keyA)}:`));
    expect(before.hook).toMatch(new RegExp(`^aes256gcm:${idOf(keyA)}:`));
    const auditsBefore = (await rekeyAudits()).length;

    const first = await rekey(`${keyB},${keyA}`);
    expect(first).toMatchObject({ status: 0, stderr: '' });
    const done = JSON.parse(first.stdout.trim().split('\n').pop() ?? '{}');
    expect(done).toMatchObject({ msg: 'secrets rekey done', toKey: idOf(keyB) });
    expect(done.values.totp).toBeGreaterThanOrEqual(1);
    expect(done.values.webhook).toBeGreaterThanOrEqual(1);
    expect(done.fromKeys[idOf(keyA)]).toBe(done.values.totp + done.values.webhook);
    const after = await stored();
    expect(after.totp).toMatch(new RegExp(`^aes256gcm:${idOf(keyB)}:`));
    expect(after.hook).toMatch(new RegExp(`^aes256gcm:${idOf(keyB)}:`));
    // One audit entry per batch, counts and key ids only.
    const audits = (await rekeyAudits()).slice(auditsBefore);
    expect(audits.length).toBe(done.batches);
    expect(audits.map((a) => a.entity_id).sort()).toEqual(expect.arrayContaining(['totp', 'webhook']));
    for (const a of audits) expect(a.details).toMatchObject({ toKey: idOf(keyB), fromKeys: { [idOf(keyA)]: expect.any(Number) } });
    expect(JSON.stringify(audits)).not.toContain(hookSecret);

    // The webhook secret opens under B,A and signs as the receiver, holding the original, verifies.
    const contact = (await withDb((db) => new WatchDeskRepository().contacts(rowsOf(db), ['ICE']))).find((c) => c.address === hookUrl);
    expect(contact?.secret).toBe(hookSecret);
    const now = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(hookSecret, '{"ping":1}', signWebhook(contact?.secret ?? '', '{"ping":1}', now), now)).toBe(true);

    // An API with B,A still signs the user in with a code of the factor (the next step: confirming spent this one).
    api = await startExtraApi('api-rekey', { SECRETS_KEYS: `${keyB},${keyA}` });
    const challenge = await http('POST', '/auth/token', { baseUrl: api.url, body: { username: account.username, password: GOOD_PASSWORD } });
    expect(challenge.status).toBe(202);
    const signedIn = await http('POST', '/auth/token/second-factor', { baseUrl: api.url, body: { challenge: challenge.body.challenge, code: totpCode(secret, 30) } });
    expect(signedIn.status).toBe(200);

    // A list without B (the values' key) is refused before anything changes.
    const refused = await rekey(keyC);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('secrets rekey refused');
    expect(refused.stderr).toContain(`"keyId":"${idOf(keyB)}"`);
    expect(await stored()).toEqual(after);

    const second = await rekey(`${keyB},${keyA}`);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout.trim().split('\n').pop() ?? '{}')).toMatchObject({ batches: 0, values: { totp: 0, webhook: 0 }, fromKeys: {} });
    expect(await stored()).toEqual(after);
    expect((await rekeyAudits()).length).toBe(auditsBefore + audits.length);
  });
});
