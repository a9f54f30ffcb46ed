import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each notification row records the transaction that inserted it (`xid`), so a reader's cursor can name the rows it
 * was given as "ids up to N that snapshot S saw" and a later read finds the rows with a lower id that committed after
 * S (libs/notifications/read-point.ts). Rows already there get 0, older than any snapshot: every one of them had
 * committed before this migration, so every cursor counts them as seen. Adding the column with that constant default
 * first keeps the table from being rewritten; new rows then take their own transaction's id.
 */
export class NotificationTransactionIds1763900000035 implements MigrationInterface {
  name = 'NotificationTransactionIds1763900000035';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN xid xid8 NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN xid SET DEFAULT pg_current_xact_id()`);
    // The late rows a cursor asks for are the user's few from transactions at or after its snapshot's xmin.
    await q.query(`CREATE INDEX notifications_user_xid ON notifications (user_id, xid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_user_xid`);
    await q.query(`ALTER TABLE notifications DROP COLUMN xid`);
  }
}
