import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Firearm seizures with the ten shared data elements (seed 002), their shares with partner agencies, trace requests,
 * and the seizure side of a deconfliction hit (a seized serial meeting a case or a lookout).
 */
export class Seizures1763900000005 implements MigrationInterface {
  name = 'Seizures1763900000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE seizures (
        id uuid PRIMARY KEY,
        owning_agency text NOT NULL REFERENCES agencies(code),
        created_by uuid NOT NULL REFERENCES users(id),
        case_id uuid REFERENCES cases(id),
        seized_at timestamptz NOT NULL,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        location_description text,
        circumstances text,
        finder text,
        seizing_official text,
        forensic_processor text,
        arrestees jsonb NOT NULL DEFAULT '[]',
        points_of_contact jsonb NOT NULL DEFAULT '[]',
        ready_to_share boolean NOT NULL DEFAULT false,
        workflow_id text NOT NULL UNIQUE,
        workflow_started_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX seizures_agency ON seizures (owning_agency, seized_at)`);
    await q.query(`CREATE INDEX seizures_seized_at ON seizures (seized_at)`);
    await q.query(`CREATE INDEX seizures_workflow_not_started ON seizures (created_at) WHERE workflow_started_at IS NULL`);
    await q.query(`
      CREATE TABLE seizure_firearms (
        id uuid PRIMARY KEY,
        seizure_id uuid NOT NULL REFERENCES seizures(id),
        position integer NOT NULL,
        serial_number text NOT NULL,
        serial_obliterated boolean NOT NULL DEFAULT false,
        obliteration_notes text,
        make text, model text, importer text,
        caliber text,
        caliber_class text,
        action text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX seizure_firearms_seizure ON seizure_firearms (seizure_id)`);
    await q.query(`CREATE INDEX seizure_firearms_caliber ON seizure_firearms (caliber_class)`);
    await q.query(`
      CREATE TABLE seizure_shares (
        seizure_id uuid NOT NULL REFERENCES seizures(id),
        agency_code text NOT NULL REFERENCES agencies(code),
        shared_by text NOT NULL,
        shared_at timestamptz NOT NULL,
        PRIMARY KEY (seizure_id, agency_code)
      )`);
    await q.query(`
      CREATE TABLE traces (
        id uuid PRIMARY KEY,
        seizure_id uuid NOT NULL REFERENCES seizures(id),
        firearm_id uuid REFERENCES seizure_firearms(id),
        serial_number text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('URGENT', 'ROUTINE')),
        status text NOT NULL CHECK (status IN ('SUBMITTED', 'IN_PROGRESS', 'COMPLETED', 'UNSUCCESSFUL')),
        overdue boolean NOT NULL DEFAULT false,
        requesting_agency text NOT NULL REFERENCES agencies(code),
        tracing_agency text NOT NULL REFERENCES agencies(code),
        requested_by text NOT NULL,
        due_at timestamptz NOT NULL,
        first_retail_dealer text,
        source_state text,
        first_retail_sale_date date,
        time_to_crime_days integer,
        unsuccessful_reason text,
        history jsonb NOT NULL DEFAULT '[]',
        workflow_id text NOT NULL UNIQUE,
        workflow_started_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX traces_workflow_not_started ON traces (created_at) WHERE workflow_started_at IS NULL`);
    await q.query(`CREATE INDEX traces_status ON traces (status, created_at DESC)`);
    await q.query(`CREATE INDEX traces_seizure ON traces (seizure_id)`);

    await q.query(`ALTER TABLE deconfliction_hits ALTER COLUMN a_case_id DROP NOT NULL`);
    await q.query(`ALTER TABLE deconfliction_hits ADD COLUMN a_seizure_id uuid REFERENCES seizures(id)`);
    await q.query(`ALTER TABLE deconfliction_hits ADD CONSTRAINT deconfliction_hits_a_side CHECK ((a_case_id IS NULL) <> (a_seizure_id IS NULL))`);
    await q.query(`CREATE INDEX deconfliction_hits_a_seizure ON deconfliction_hits (a_seizure_id, created_at)`);

    // Case results (CONVICTION, GUILTY_PLEA, ...) make "fruitful investigations" and "successful prosecutions" countable
    // the same way for every agency (README, Statistics); the free-text outcome stays as the agent wrote it.
    await q.query(`ALTER TABLE cases ADD COLUMN result text`);
    await q.query(`CREATE INDEX cases_closed_at ON cases (closed_at) WHERE closed_at IS NOT NULL`);
    await q.query(`CREATE INDEX cases_created_at ON cases (created_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON seizures, seizure_firearms, seizure_shares, traces TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deconfliction_hits WHERE a_seizure_id IS NOT NULL`);
    await q.query(`ALTER TABLE deconfliction_hits DROP CONSTRAINT deconfliction_hits_a_side`);
    await q.query(`ALTER TABLE deconfliction_hits DROP COLUMN a_seizure_id`);
    await q.query(`ALTER TABLE deconfliction_hits ALTER COLUMN a_case_id SET NOT NULL`);
    await q.query(`DROP TABLE traces, seizure_shares, seizure_firearms, seizures`);
    await q.query(`DROP INDEX cases_closed_at, cases_created_at`);
    await q.query(`ALTER TABLE cases DROP COLUMN result`);
  }
}
