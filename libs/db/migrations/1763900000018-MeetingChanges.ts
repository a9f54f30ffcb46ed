import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings that fit the cases (issue 18): the case a meeting concerns, its attendees (name and agency, as data on the
 * meeting: they have no life of their own), cancellation (who, when, why) and the history of its reschedulings.
 */
export class MeetingChanges1763900000018 implements MigrationInterface {
  name = 'MeetingChanges1763900000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE meetings
        ADD COLUMN case_id uuid REFERENCES cases(id),
        ADD COLUMN attendees jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancelled_by text,
        ADD COLUMN cancel_reason text,
        ADD COLUMN schedule_history jsonb NOT NULL DEFAULT '[]',
        ADD CONSTRAINT meetings_cancellation_complete CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))`);
    // GET /meetings?caseId= (newest first, keyset pages).
    await q.query(`CREATE INDEX meetings_case_listing ON meetings (case_id, created_at DESC, id DESC) WHERE case_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS meetings_case_listing`);
    await q.query(`
      ALTER TABLE meetings
        DROP CONSTRAINT IF EXISTS meetings_cancellation_complete,
        DROP COLUMN IF EXISTS schedule_history,
        DROP COLUMN IF EXISTS cancel_reason,
        DROP COLUMN IF EXISTS cancelled_by,
        DROP COLUMN IF EXISTS cancelled_at,
        DROP COLUMN IF EXISTS attendees,
        DROP COLUMN IF EXISTS case_id`);
  }
}
