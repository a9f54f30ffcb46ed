import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals opened by case agents (issue 18): no rule (`rule` null, kind MANUAL), withdrawable by the sender
 * (WITHDRAWN, final), at most one open manual referral per case and receiving agency. Every referral now carries its
 * packet (the case items disclosed to the receiving agency before it accepts) and who sent it (null: the rules, whose
 * contact is the case's lead agent); the dissemination record says who disclosed which items. A manual referral's
 * workflow is started by the API after commit, so the relay needs `workflow_started_at`; rule referrals are started by
 * the case workflow, so theirs is set when they are written (and here for those already written).
 */
export class ManualReferrals1763900000015 implements MigrationInterface {
  name = 'ManualReferrals1763900000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals ALTER COLUMN rule DROP NOT NULL`);
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT referrals_status_check`);
    await q.query(`ALTER TABLE referrals ADD CONSTRAINT referrals_status_check
      CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'ESCALATED', 'WITHDRAWN'))`);
    await q.query(`ALTER TABLE referrals ADD CONSTRAINT referrals_manual_has_no_rule CHECK ((kind = 'MANUAL') = (rule IS NULL))`);
    await q.query(`ALTER TABLE referrals
      ADD COLUMN packet jsonb NOT NULL DEFAULT '{"subjects": [], "identifiers": [], "firearms": [], "operations": []}',
      ADD COLUMN sent_by uuid REFERENCES users(id),
      ADD COLUMN workflow_started_at timestamptz`);
    await q.query(`UPDATE referrals SET workflow_started_at = created_at`);
    await q.query(`CREATE UNIQUE INDEX referrals_one_open_manual ON referrals (case_id, to_agency)
      WHERE rule IS NULL AND status NOT IN ('ACCEPTED', 'DECLINED', 'WITHDRAWN')`);
    await q.query(`CREATE INDEX referrals_workflow_not_started ON referrals (created_at) WHERE workflow_started_at IS NULL`);
    await q.query(`ALTER TABLE disseminations
      ADD COLUMN disclosed_by text NOT NULL DEFAULT 'system',
      ADD COLUMN items jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disseminations DROP COLUMN items, DROP COLUMN disclosed_by`);
    await q.query(`DROP INDEX referrals_workflow_not_started`);
    await q.query(`DROP INDEX referrals_one_open_manual`);
    // The old schema knows neither manual referrals nor withdrawal: those rows cannot be kept.
    await q.query(`DELETE FROM disseminations WHERE referral_id IN (SELECT id FROM referrals WHERE rule IS NULL)`);
    await q.query(`DELETE FROM referrals WHERE rule IS NULL`);
    await q.query(`UPDATE referrals SET status = 'DECLINED' WHERE status = 'WITHDRAWN'`);
    await q.query(`ALTER TABLE referrals DROP COLUMN workflow_started_at, DROP COLUMN sent_by, DROP COLUMN packet`);
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT referrals_manual_has_no_rule`);
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT referrals_status_check`);
    await q.query(`ALTER TABLE referrals ADD CONSTRAINT referrals_status_check
      CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'ESCALATED'))`);
    await q.query(`ALTER TABLE referrals ALTER COLUMN rule SET NOT NULL`);
  }
}
