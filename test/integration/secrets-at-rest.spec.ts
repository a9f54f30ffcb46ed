import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import type { Db } from '../../libs/db/sql';
import { UserRepository } from '../../libs/auth/user.repository';
import { SecretsAtRest1763900000033 } from '../../libs/db/migrations/1763900000033-SecretsAtRest';
import { WatchDeskRepository } from '../../libs/watch-desk/watch-desk.repository';
import { uniqueWord, withDb } from '../support/http';
import { readStack } from '../support/stack';

/**
 * Migration 033 seals the TOTP and webhook secrets an installation kept in clear before it, with the key the API and
 * worker read them with (this run's SECRETS_KEYS, from the stack's settings); values sealed already stay as they are.
 */
/** A pg client answering as TypeORM does (rows), for the migration and the repositories. */
const rowsOf = (db: Client) => ({ query: async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows });

describe('secrets at rest: migration 033', () => {
  const saved = process.env.SECRETS_KEYS;
  beforeAll(() => { process.env.SECRETS_KEYS = readStack().env.SECRETS_KEYS; });
  afterAll(() => { if (saved === undefined) delete process.env.SECRETS_KEYS; else process.env.SECRETS_KEYS = saved; });

  it('seals clear TOTP and webhook secrets so the repositories read them back, and leaves sealed ones alone', async () => {
    const [userId, contactId, agency] = [randomUUID(), randomUUID(), 'DEA'];
    const [totp, pending, hookSecret] = ['JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU', `hook-${uniqueWord(12)}`];
    const url = `https://desk.dea.example/${uniqueWord()}`;
    await withDb(async (db) => {
      await db.query(
        `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, totp_secret, totp_pending_secret)
         VALUES ($1, $2, '!none', $3, '{CASE_AGENT}', 'Clear Secret', $4, $5)`, [userId, `clear.${uniqueWord()}`, agency, totp, pending]);
      await db.query(
        `INSERT INTO watch_desk_contacts (id, agency_code, channel, address, secret, position) VALUES ($1, $2, 'WEBHOOK', $3, $4, 99)`,
        [contactId, agency, url, hookSecret]);
    });
    const stored = () => withDb(async (db) => ({
      user: (await db.query('SELECT totp_secret, totp_pending_secret FROM users WHERE id = $1', [userId])).rows[0],
      hook: (await db.query('SELECT secret FROM watch_desk_contacts WHERE id = $1', [contactId])).rows[0].secret as string,
    }));
    try {
      const migrate = () => withDb((db) => new SecretsAtRest1763900000033().up(rowsOf(db) as unknown as QueryRunner));
      await migrate();
      const sealed = await stored();
      for (const value of [sealed.user.totp_secret, sealed.user.totp_pending_secret, sealed.hook]) {
        expect(value).toMatch(/^aes256gcm:[\w.-]+:[\w-]+$/);
      }
      expect(JSON.stringify(sealed)).not.toMatch(new RegExp(`${totp}|${pending}|${hookSecret}`));
      const user = await withDb((db) => new UserRepository().findById(rowsOf(db) as unknown as Db, userId));
      expect({ totpSecret: user?.totpSecret, totpPendingSecret: user?.totpPendingSecret }).toEqual({ totpSecret: totp, totpPendingSecret: pending });
      const contact = await withDb((db) => new WatchDeskRepository().contact(rowsOf(db) as unknown as Db, contactId));
      expect(contact?.secret).toBe(hookSecret);
      // A second run finds everything sealed and changes nothing.
      await migrate();
      expect(await stored()).toEqual(sealed);
    } finally {
      await withDb(async (db) => {
        await db.query('DELETE FROM watch_desk_contacts WHERE id = $1', [contactId]);
        await db.query('DELETE FROM users WHERE id = $1', [userId]);
      });
    }
  });
});
