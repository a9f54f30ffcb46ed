import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals: which agency acts for which rule is data (`referral_roles`, seeded from seed 001's partnership roles),
 * one referral per (case, receiving agency, rule) with its step history, and every referral recorded as a
 * dissemination (recipient, reason, date).
 */
export class Referrals1763900000003 implements MigrationInterface {
  name = 'Referrals1763900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_roles (
        rule text PRIMARY KEY CHECK (rule IN ('R1', 'R2', 'R3', 'R4')),
        kind text NOT NULL UNIQUE,
        agency_code text NOT NULL REFERENCES agencies(code),
        description text NOT NULL
      )`);
    await q.query(`
      INSERT INTO referral_roles (rule, kind, agency_code, description) VALUES
        ('R1', 'INTERDICTION', 'CBP', 'Weapons intelligence involving a port of entry goes to CBP for interdiction'),
        ('R2', 'DRUG_NEXUS', 'DEA', 'A case crossing over with a drug trafficking organization brings DEA in'),
        ('R3', 'DOMESTIC_FIREARMS', 'ATF', 'Firearms illegally sold or transported within the United States go to ATF'),
        ('R4', 'EXPORT_ENFORCEMENT', 'ICE', 'Export smuggling of weapons goes to ICE, which alone has export authority')`);
    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        from_agency text NOT NULL REFERENCES agencies(code),
        to_agency text NOT NULL REFERENCES agencies(code),
        rule text NOT NULL,
        kind text NOT NULL,
        reason text NOT NULL,
        facts jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'ESCALATED')),
        due_at timestamptz NOT NULL,
        history jsonb NOT NULL DEFAULT '[]',
        workflow_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (case_id, to_agency, rule)
      )`);
    await q.query(`CREATE INDEX referrals_inbox ON referrals (to_agency, status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX referrals_case ON referrals (case_id, created_at)`);
    await q.query(`
      CREATE TABLE disseminations (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        recipient_agency text NOT NULL REFERENCES agencies(code),
        reason text NOT NULL,
        referral_id uuid UNIQUE REFERENCES referrals(id),
        disseminated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX disseminations_case ON disseminations (case_id, disseminated_at)`);
    await q.query(`GRANT SELECT ON referral_roles TO casecoord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON referrals, disseminations TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disseminations, referrals, referral_roles`);
  }
}
