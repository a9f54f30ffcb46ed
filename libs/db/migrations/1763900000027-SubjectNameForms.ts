import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aliases and monikers (issue 21): a person subject's other full names and street nicknames, an organization's other
 * names, each deconflicted like the subject's name. They live beside the subject (appended later by the owning agency)
 * and are stored as match targets under the subject's item id with the form they are: person_keys and match_keys rows
 * get `subject_id` (person_keys only; null means the row's id is the subject's, as every row before this migration)
 * and `name_form` (null means the legal name). Nullable columns without a default are a catalogue change only, so a
 * register of a million persons is not rewritten; no index changes, the blocking path stays as measured.
 */
export class SubjectNameForms1763900000027 implements MigrationInterface {
  name = 'SubjectNameForms1763900000027';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_subject_aliases (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        subject_id uuid NOT NULL REFERENCES case_subjects(id),
        form text NOT NULL CHECK (form IN ('ALIAS', 'MONIKER')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX case_subject_aliases_subject ON case_subject_aliases (subject_id, created_at, id)`);
    await q.query(`CREATE INDEX case_subject_aliases_case ON case_subject_aliases (case_id)`);
    await q.query(`GRANT SELECT, INSERT ON case_subject_aliases TO casecoord_app`);
    await q.query(`ALTER TABLE person_keys ADD COLUMN subject_id uuid,
      ADD COLUMN name_form text CHECK (name_form IN ('ALIAS', 'MONIKER'))`);
    await q.query(`ALTER TABLE match_keys ADD COLUMN name_form text CHECK (name_form IN ('ALIAS', 'MONIKER'))`);
    // Which name of each side met, so each side's pointer says it (hit-views.ts) without the other side's value.
    await q.query(`ALTER TABLE deconfliction_hits ADD COLUMN a_name_form text CHECK (a_name_form IN ('ALIAS', 'MONIKER')),
      ADD COLUMN b_name_form text CHECK (b_name_form IN ('ALIAS', 'MONIKER'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deconfliction_hits DROP COLUMN b_name_form, DROP COLUMN a_name_form`);
    await q.query(`DELETE FROM match_keys WHERE name_form IS NOT NULL`);
    await q.query(`ALTER TABLE match_keys DROP COLUMN name_form`);
    await q.query(`DELETE FROM person_keys WHERE subject_id IS NOT NULL`);
    await q.query(`ALTER TABLE person_keys DROP COLUMN name_form, DROP COLUMN subject_id`);
    await q.query(`DROP TABLE case_subject_aliases`);
  }
}
