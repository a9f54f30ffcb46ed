import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case numbers come from one sequence per agency and year instead of a counter row: nextval takes no row lock, so
 * concurrent intakes of one agency no longer queue behind each other until commit. Sequences are not rolled back, so
 * a failed intake leaves a gap (tolerated); numbers stay unique. The function is SECURITY DEFINER because the app
 * role may not create objects; it only ever creates `case_number_<agency>_<year>` sequences.
 */
export class CaseNumberSequences1763900000001 implements MigrationInterface {
  name = 'CaseNumberSequences1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION next_case_sequence(p_agency text, p_year integer) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        seq_name text := format('case_number_%s_%s', lower(p_agency), p_year);
      BEGIN
        IF p_agency !~ '^[A-Z]{2,10}$' OR p_year NOT BETWEEN 2000 AND 2999 THEN
          RAISE EXCEPTION 'invalid agency % or year %', p_agency, p_year USING ERRCODE = 'invalid_parameter_value';
        END IF;
        BEGIN
          RETURN nextval(seq_name::regclass);
        EXCEPTION WHEN undefined_table THEN
          BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', seq_name);
          EXCEPTION WHEN unique_violation OR duplicate_table THEN
            NULL; -- another intake created it at the same moment
          END;
          RETURN nextval(seq_name::regclass);
        END;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION next_case_sequence(text, integer) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION next_case_sequence(text, integer) TO casecoord_app`);
    // Carry numbers already issued over, so no number is handed out twice.
    const counters: { agency_code: string; year: number; last_value: number }[] = await q.query(
      'SELECT agency_code, year, last_value FROM case_counters',
    );
    for (const c of counters) {
      const name = `case_number_${c.agency_code.toLowerCase()}_${c.year}`;
      await q.query(`CREATE SEQUENCE IF NOT EXISTS "${name}"`);
      await q.query(`SELECT setval('"${name}"', $1)`, [c.last_value]);
    }
    await q.query('DROP TABLE case_counters');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_counters (
        agency_code text NOT NULL REFERENCES agencies(code), year integer NOT NULL, last_value integer NOT NULL,
        PRIMARY KEY (agency_code, year))`);
    const sequences: { relname: string }[] = await q.query(
      `SELECT relname FROM pg_class WHERE relkind = 'S' AND relname LIKE 'case\\_number\\_%'`,
    );
    for (const { relname } of sequences) {
      const [, agency, year] = /^case_number_(\w+)_(\d{4})$/.exec(relname) ?? [];
      if (!agency) continue;
      await q.query(
        `INSERT INTO case_counters (agency_code, year, last_value) SELECT $1, $2, last_value FROM "${relname}"`,
        [agency.toUpperCase(), Number(year)],
      );
      await q.query(`DROP SEQUENCE "${relname}"`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON case_counters TO casecoord_app`);
    await q.query('DROP FUNCTION next_case_sequence(text, integer)');
  }
}
