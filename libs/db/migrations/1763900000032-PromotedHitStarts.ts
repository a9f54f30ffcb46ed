import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hit a coordinator promotes from a review item (issue 16) is committed first and its workflow started afterwards,
 * like a case's or a seizure's: `workflow_started_at` NULL marks a start still owed, which the worker's relay makes
 * (libs/db/pending-workflow-starts.ts), with the escalation delay fixed at promotion. Hits raised by matching are
 * started by their case's or seizure's workflow (a child), so they are written as started: the column's default, and
 * here for those already written.
 */
export class PromotedHitStarts1763900000032 implements MigrationInterface {
  name = 'PromotedHitStarts1763900000032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deconfliction_hits
      ADD COLUMN workflow_started_at timestamptz DEFAULT now(),
      ADD COLUMN escalate_after_ms bigint,
      ADD CONSTRAINT deconfliction_hits_owed_start_has_delay CHECK (workflow_started_at IS NOT NULL OR escalate_after_ms IS NOT NULL)`);
    await q.query(`CREATE INDEX deconfliction_hits_workflow_not_started ON deconfliction_hits (created_at) WHERE workflow_started_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deconfliction_hits_workflow_not_started`);
    await q.query(`ALTER TABLE deconfliction_hits DROP CONSTRAINT deconfliction_hits_owed_start_has_delay,
      DROP COLUMN escalate_after_ms, DROP COLUMN workflow_started_at`);
  }
}
