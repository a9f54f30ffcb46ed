import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deconfliction: the matching keys of every case value and lookout, indexed the way shared/notes/matching-calibration.md
 * measured to stay fast at 1M rows; the hits between two sides; lookouts; and per-user notifications.
 *
 * - match_keys: exact (type, normalized value) lookups, trigram indexes only where a partial match is meaningful
 *   (organization names, serials read around an obliteration).
 * - person_keys: blocking on phonetic codes (GIN) and date of birth (btree), ranked afterwards by trigram similarity.
 * - event_keys: one multicolumn GiST (earth point, time window), so "area touches and window overlaps" never scans.
 */
export class Deconfliction1763900000002 implements MigrationInterface {
  name = 'Deconfliction1763900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lookouts (
        id uuid PRIMARY KEY,
        owner_user_id uuid NOT NULL REFERENCES users(id),
        owner_agency text NOT NULL REFERENCES agencies(code),
        type text NOT NULL,
        value text NOT NULL,
        region text,
        note text NOT NULL,
        expires_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX lookouts_agency ON lookouts (owner_agency, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE match_keys (
        id uuid PRIMARY KEY,
        item_id uuid NOT NULL,
        case_id uuid REFERENCES cases(id),
        lookout_id uuid REFERENCES lookouts(id),
        agency text NOT NULL,
        match_type text NOT NULL,
        norm text NOT NULL,
        partial boolean NOT NULL DEFAULT false,
        region text,
        display_value text NOT NULL,
        expires_at timestamptz,
        created_at timestamptz NOT NULL,
        CHECK ((case_id IS NULL) <> (lookout_id IS NULL))
      )`);
    await q.query(`CREATE INDEX match_keys_exact ON match_keys (match_type, norm)`);
    await q.query(`CREATE INDEX match_keys_item ON match_keys (item_id)`);
    await q.query(`CREATE INDEX match_keys_case ON match_keys (case_id)`);
    await q.query(`
      CREATE INDEX match_keys_serial_trgm ON match_keys USING gin (norm gin_trgm_ops)
      WHERE match_type = 'FIREARM_SERIAL'`);
    await q.query(`
      CREATE INDEX match_keys_org_trgm ON match_keys USING gin (norm gin_trgm_ops)
      WHERE match_type = 'ORGANIZATION'`);

    await q.query(`
      CREATE TABLE person_keys (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        agency text NOT NULL,
        full_name text NOT NULL,
        folded_name text NOT NULL,
        tokens text[] NOT NULL,
        codes text[] NOT NULL,
        date_of_birth date,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX person_keys_codes ON person_keys USING gin (codes)`);
    await q.query(`CREATE INDEX person_keys_dob ON person_keys (date_of_birth)`);
    await q.query(`CREATE INDEX person_keys_case ON person_keys (case_id)`);

    await q.query(`
      CREATE TABLE event_keys (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        agency text NOT NULL,
        operation_type text NOT NULL,
        center earth NOT NULL,
        radius_meters integer NOT NULL CHECK (radius_meters BETWEEN 1 AND 50000),
        during tstzrange NOT NULL,
        display_value text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX event_keys_area_window ON event_keys USING gist (center, during)`);
    await q.query(`CREATE INDEX event_keys_case ON event_keys (case_id)`);

    await q.query(`
      CREATE TABLE deconfliction_hits (
        id uuid PRIMARY KEY,
        pair_key text NOT NULL UNIQUE,
        match_type text NOT NULL,
        score real NOT NULL,
        reason text NOT NULL,
        urgent boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'ESCALATED', 'RESOLVED')),
        resolution text CHECK (resolution IN ('JOINT_INVESTIGATION', 'DEFER', 'PROCEED_INDEPENDENTLY', 'NO_CONFLICT')),
        resolution_note text,
        resolved_by text,
        resolved_at timestamptz,
        escalated_at timestamptz,
        a_case_id uuid NOT NULL REFERENCES cases(id),
        a_agency text NOT NULL,
        a_item_id uuid NOT NULL,
        a_value text NOT NULL,
        b_case_id uuid REFERENCES cases(id),
        b_lookout_id uuid REFERENCES lookouts(id),
        b_agency text NOT NULL,
        b_item_id uuid NOT NULL,
        b_value text NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        CHECK ((b_case_id IS NULL) <> (b_lookout_id IS NULL))
      )`);
    await q.query(`CREATE INDEX deconfliction_hits_a_case ON deconfliction_hits (a_case_id, created_at)`);
    await q.query(`CREATE INDEX deconfliction_hits_b_case ON deconfliction_hits (b_case_id, created_at)`);
    await q.query(`CREATE INDEX deconfliction_hits_b_lookout ON deconfliction_hits (b_lookout_id, created_at)`);
    await q.query(`CREATE INDEX deconfliction_hits_a_item ON deconfliction_hits (a_item_id)`);
    await q.query(`CREATE INDEX deconfliction_hits_queue ON deconfliction_hits (status, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        payload jsonb NOT NULL,
        dedup_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, dedup_key)
      )`);
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, id)`);

    await q.query(`
      GRANT SELECT, INSERT, UPDATE, DELETE ON lookouts, match_keys, person_keys, event_keys, deconfliction_hits,
        notifications TO casecoord_app`);
    await q.query(`GRANT USAGE ON SEQUENCE notifications_id_seq TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications, deconfliction_hits, event_keys, person_keys, match_keys, lookouts`);
  }
}
