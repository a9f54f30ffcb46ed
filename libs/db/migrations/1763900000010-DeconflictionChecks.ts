import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checks are no longer silent (issue 22, item 2): every `POST /deconfliction/checks` is kept, with what it met.
 * - `deconfliction_checks`: who checked (user, agency), when, how many values of each kind. No checked value is kept:
 *   repetition is detected on the matched item, and a hash of a phone or a date of birth would be reversible anyway.
 *   `items` is what the per-user budget charged (the values checked; an empty check costs one); `matched_agencies`
 *   lets each agency list the checks that met its items.
 * - `deconfliction_check_matches`: per check, each item of a case or lookout it met (type, owner, agency).
 * - `deconfliction_check_alerts`: a pattern of checks by one agency meeting one item of another, once per window.
 * - `deconfliction_check_refusals`: when a user's budget refusal was last audited (audited once per window).
 */
export class DeconflictionChecks1763900000010 implements MigrationInterface {
  name = 'DeconflictionChecks1763900000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deconfliction_checks (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        agency text NOT NULL REFERENCES agencies(code),
        checked_at timestamptz NOT NULL,
        counts jsonb NOT NULL,
        items integer NOT NULL CHECK (items >= 1),
        matched_agencies text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX deconfliction_checks_user ON deconfliction_checks (user_id, checked_at) INCLUDE (items)`);
    await q.query(`CREATE INDEX deconfliction_checks_agency ON deconfliction_checks (agency, checked_at DESC, id DESC)`);
    await q.query(`CREATE INDEX deconfliction_checks_matched ON deconfliction_checks USING gin (matched_agencies)`);
    await q.query(`
      CREATE TABLE deconfliction_check_matches (
        check_id uuid NOT NULL REFERENCES deconfliction_checks(id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        match_type text NOT NULL,
        case_id uuid REFERENCES cases(id),
        lookout_id uuid REFERENCES lookouts(id),
        agency text NOT NULL REFERENCES agencies(code),
        checker_agency text NOT NULL,
        checked_at timestamptz NOT NULL,
        PRIMARY KEY (check_id, item_id, match_type)
      )`);
    await q.query(`
      CREATE INDEX deconfliction_check_matches_item ON deconfliction_check_matches (item_id, checker_agency, checked_at)`);
    await q.query(`
      CREATE TABLE deconfliction_check_alerts (
        id uuid PRIMARY KEY,
        item_id uuid NOT NULL,
        match_type text NOT NULL,
        checker_agency text NOT NULL REFERENCES agencies(code),
        agency text NOT NULL REFERENCES agencies(code),
        case_id uuid REFERENCES cases(id),
        lookout_id uuid REFERENCES lookouts(id),
        checks integer NOT NULL,
        raised_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX deconfliction_check_alerts_item ON deconfliction_check_alerts (item_id, checker_agency, raised_at)`);
    await q.query(`
      CREATE TABLE deconfliction_check_refusals (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        period text NOT NULL,
        reported_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, period)
      )`);
    await q.query(`GRANT SELECT, INSERT ON deconfliction_checks, deconfliction_check_matches, deconfliction_check_alerts TO casecoord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON deconfliction_check_refusals TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deconfliction_check_refusals, deconfliction_check_alerts, deconfliction_check_matches, deconfliction_checks`);
  }
}
