import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings with foreign counterparts (seed 004, rules M1-M4): the notice owed to the meeting-coordination team, the
 * outcome, the follow-up report obligation with its step history; and action items from meeting outcomes and
 * conferences (seed 002), each with a due date.
 */
export class Meetings1763900000004 implements MigrationInterface {
  name = 'Meetings1763900000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY,
        organizer_id uuid NOT NULL REFERENCES users(id),
        owning_agency text NOT NULL REFERENCES agencies(code),
        title text NOT NULL,
        counterpart_country char(2) NOT NULL CHECK (counterpart_country IN ('MX', 'CA')),
        counterpart_agencies text[] NOT NULL,
        level text NOT NULL CHECK (level IN ('EXECUTIVE', 'WORKING')),
        scheduled_at timestamptz NOT NULL,
        location text,
        deliverables text[] NOT NULL DEFAULT '{}',
        notification_required boolean NOT NULL,
        notification_due_at timestamptz,
        notification_status text NOT NULL CHECK (notification_status IN ('ON_TIME', 'LATE', 'MISSING', 'EXEMPT', 'PENDING')),
        notice_at timestamptz,
        notice_by text,
        held_at timestamptz,
        outcome_summary text,
        outcome_by text,
        outcome_at timestamptz,
        report_status text NOT NULL DEFAULT 'NOT_REQUESTED'
          CHECK (report_status IN ('NOT_REQUESTED', 'REQUESTED', 'OVERDUE', 'SUBMITTED', 'ACCEPTED', 'RETURNED')),
        report_due_at timestamptz,
        report_body text,
        report_history jsonb NOT NULL DEFAULT '[]',
        workflow_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (notification_required = (notification_due_at IS NOT NULL)),
        CHECK (notification_required OR notification_status = 'EXEMPT')
      )`);
    // The leadership compliance report reads a window of scheduled times.
    await q.query(`CREATE INDEX meetings_scheduled ON meetings (scheduled_at, id)`);
    await q.query(`CREATE INDEX meetings_agency_listing ON meetings (owning_agency, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX meetings_listing ON meetings (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE action_items (
        id uuid PRIMARY KEY,
        meeting_id uuid REFERENCES meetings(id),
        source text NOT NULL CHECK (source IN ('MEETING', 'CONFERENCE')),
        conference text,
        owner text NOT NULL,
        description text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'OVERDUE', 'CLOSED')),
        closed_note text,
        closed_by text,
        closed_at timestamptz,
        owning_agency text NOT NULL REFERENCES agencies(code),
        created_by uuid NOT NULL REFERENCES users(id),
        workflow_id text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((source = 'MEETING') = (meeting_id IS NOT NULL)),
        CHECK ((source = 'CONFERENCE') = (conference IS NOT NULL)),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      )`);
    // GET /action-items?status=&owner= (newest first, keyset pages), and the items of one meeting.
    await q.query(`CREATE INDEX action_items_owner ON action_items (owner, status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX action_items_status ON action_items (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX action_items_meeting ON action_items (meeting_id) WHERE meeting_id IS NOT NULL`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON meetings, action_items TO casecoord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE action_items, meetings`);
  }
}
