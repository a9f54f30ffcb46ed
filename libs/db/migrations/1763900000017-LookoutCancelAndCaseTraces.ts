import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issues 17 and 18:
 * - a lookout's owner may cancel it: when, by whom and why are kept on the lookout (its keys expire at that moment);
 * - a case agent may request a trace of any firearm of their case, and again once an earlier one has closed: the
 *   "one trace per case firearm" index becomes "one open trace per case firearm" (R3 still makes at most one, see
 *   TraceRepository.untracedCaseFirearms).
 */
export class LookoutCancelAndCaseTraces1763900000017 implements MigrationInterface {
  name = 'LookoutCancelAndCaseTraces1763900000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lookouts ADD COLUMN cancelled_at timestamptz, ADD COLUMN cancelled_by text, ADD COLUMN cancel_reason text`);
    await q.query(`DROP INDEX traces_case_firearm`);
    await q.query(`CREATE UNIQUE INDEX traces_case_firearm_open ON traces (case_firearm_id)
      WHERE case_firearm_id IS NOT NULL AND status IN ('SUBMITTED', 'IN_PROGRESS')`);
    await q.query(`CREATE INDEX traces_case_firearm ON traces (case_firearm_id) WHERE case_firearm_id IS NOT NULL`);
  }

  /** Fails while a case firearm has been traced twice: which of its traces to drop is not a migration's decision. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX traces_case_firearm, traces_case_firearm_open`);
    await q.query(`CREATE UNIQUE INDEX traces_case_firearm ON traces (case_firearm_id) WHERE case_firearm_id IS NOT NULL`);
    await q.query(`ALTER TABLE lookouts DROP COLUMN cancel_reason, DROP COLUMN cancelled_by, DROP COLUMN cancelled_at`);
  }
}
