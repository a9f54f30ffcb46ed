import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rule R3 (seed 001): firearms in a case referred to the firearms agency get trace requests. Such a trace belongs to
 * the case rather than to a seizure.
 */
export class CaseFirearmTraces1763900000008 implements MigrationInterface {
  name = 'CaseFirearmTraces1763900000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE traces ALTER COLUMN seizure_id DROP NOT NULL`);
    await q.query(`ALTER TABLE traces ADD COLUMN case_id uuid REFERENCES cases(id)`);
    await q.query(`ALTER TABLE traces ADD COLUMN case_firearm_id uuid REFERENCES case_firearms(id)`);
    await q.query(`ALTER TABLE traces ADD CONSTRAINT traces_subject CHECK ((seizure_id IS NULL) <> (case_id IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX traces_case_firearm ON traces (case_firearm_id) WHERE case_firearm_id IS NOT NULL`);
    await q.query(`CREATE INDEX traces_case ON traces (case_id) WHERE case_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM traces WHERE case_id IS NOT NULL`);
    await q.query(`DROP INDEX traces_case, traces_case_firearm`);
    await q.query(`ALTER TABLE traces DROP CONSTRAINT traces_subject`);
    await q.query(`ALTER TABLE traces DROP COLUMN case_firearm_id, DROP COLUMN case_id`);
    await q.query(`ALTER TABLE traces ALTER COLUMN seizure_id SET NOT NULL`);
  }
}
