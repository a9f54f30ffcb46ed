import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies, users, cases with their items and shares, idempotency keys and the append-only audit chain.
 * The application works as the `casecoord_app` role (set per connection), which may read and append audit rows but
 * never change or delete them; a trigger refuses it to everyone else as a second wall.
 */
export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const extension of ['pg_trgm', 'fuzzystrmatch', 'cube', 'earthdistance', 'btree_gist', 'unaccent']) {
      await q.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
    }
    await q.query(`
      CREATE TABLE agencies (
        code text PRIMARY KEY,
        name text NOT NULL,
        country char(2) NOT NULL CHECK (country IN ('US', 'MX', 'CA'))
      )`);
    await q.query(`
      INSERT INTO agencies (code, name, country) VALUES
        ('ICE', 'U.S. Immigration and Customs Enforcement', 'US'),
        ('CBP', 'U.S. Customs and Border Protection', 'US'),
        ('ATF', 'Bureau of Alcohol, Tobacco, Firearms and Explosives', 'US'),
        ('DEA', 'Drug Enforcement Administration', 'US'),
        ('FBI', 'Federal Bureau of Investigation', 'US'),
        ('USMS', 'U.S. Marshals Service', 'US'),
        ('PGR', 'Procuraduría General de la República', 'MX'),
        ('SSP', 'Secretaría de Seguridad Pública', 'MX'),
        ('CISEN', 'Centro de Investigación y Seguridad Nacional', 'MX'),
        ('SEDENA', 'Secretaría de la Defensa Nacional', 'MX'),
        ('SEMAR', 'Secretaría de Marina', 'MX'),
        ('ADUANAS', 'Administración General de Aduanas', 'MX'),
        ('RCMP', 'Royal Canadian Mounted Police', 'CA'),
        ('CBSA', 'Canada Border Services Agency', 'CA')`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        agency_code text NOT NULL REFERENCES agencies(code),
        roles text[] NOT NULL,
        full_name text NOT NULL,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE case_counters (
        agency_code text NOT NULL REFERENCES agencies(code),
        year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (agency_code, year)
      )`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        case_number text NOT NULL UNIQUE,
        owning_agency text NOT NULL REFERENCES agencies(code),
        lead_agent_id uuid NOT NULL REFERENCES users(id),
        title text NOT NULL,
        summary text,
        category text NOT NULL,
        flags jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('INTAKE', 'DECONFLICTION', 'ACTIVE', 'CLOSED')),
        outcome text,
        workflow_id text NOT NULL UNIQUE,
        workflow_started_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX cases_agency_listing ON cases (owning_agency, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_workflow_not_started ON cases (created_at) WHERE workflow_started_at IS NULL`);
    await q.query(`
      CREATE TABLE case_subjects (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL CHECK (kind IN ('PERSON', 'ORGANIZATION')),
        full_name text,
        date_of_birth date,
        nationality text,
        name text,
        org_type text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE case_identifiers (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        type text NOT NULL,
        value text NOT NULL,
        region text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE case_firearms (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        serial_number text NOT NULL,
        serial_obliterated boolean NOT NULL DEFAULT false,
        make text, model text, caliber text, action text, importer text,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE case_operations (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        type text NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        radius_meters integer NOT NULL CHECK (radius_meters > 0),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        created_at timestamptz NOT NULL
      )`);
    for (const table of ['case_subjects', 'case_identifiers', 'case_firearms', 'case_operations']) {
      await q.query(`CREATE INDEX ${table}_case ON ${table} (case_id, created_at)`);
    }
    await q.query(`
      CREATE TABLE case_shares (
        case_id uuid NOT NULL REFERENCES cases(id),
        agency_code text NOT NULL REFERENCES agencies(code),
        reason text NOT NULL,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by text,
        PRIMARY KEY (case_id, agency_code)
      )`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        agency text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL,
        dedup_key text
      )`);
    await q.query(`CREATE UNIQUE INDEX audit_log_dedup ON audit_log (dedup_key) WHERE dedup_key IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity_id, seq)`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor, seq)`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);

    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casecoord_app') THEN
          CREATE ROLE casecoord_app NOLOGIN;
        END IF;
        BEGIN
          EXECUTE format('GRANT casecoord_app TO %I', current_user);
        EXCEPTION WHEN others THEN
          RAISE NOTICE 'could not grant casecoord_app to %: %', current_user, SQLERRM;
        END;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO casecoord_app`);
    await q.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON users, case_counters, cases, case_subjects, case_identifiers,
        case_firearms, case_operations, case_shares, idempotency_keys TO casecoord_app`);
    await q.query(`GRANT SELECT ON agencies TO casecoord_app`);
    await q.query(`GRANT SELECT, INSERT ON audit_log TO casecoord_app`);
    await q.query(`GRANT USAGE ON SEQUENCE audit_log_seq_seq TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM casecoord_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM casecoord_app`);
    await q.query(`DROP TABLE audit_log, idempotency_keys, case_shares, case_operations, case_firearms,
      case_identifiers, case_subjects, cases, case_counters, users, agencies`);
    await q.query(`DROP FUNCTION audit_log_is_append_only()`);
  }
}
