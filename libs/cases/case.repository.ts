import type { DataSource, EntityManager } from 'typeorm';
import { auditAppendOfRowCall, RowAuditEntry } from '../audit/audit.repository';
import { CASE_STATUSES, type CaseCategory, type CaseFlags, type CaseItems, type CaseStatus } from '../contracts/case-items';
import { assertDefined, Db, query, queryOne, queryOnePrepared, rowColumns } from '../db/sql';
import { FINAL_REFERRAL_STATUSES } from '../referrals/referral-rules';
import {
  CaseDetail, CaseRecord, CaseRow, FirearmRow, IdentifierRow, LeadAgentRow, OperationRow, ShareRow, SubjectRow,
  toCaseRecord, toFirearmRecord, toOperationRecord, toShareRecord, toSubjectRecord,
} from './case-rows';
import type { CaseSearchTerms } from './case-search';
import { loadCaseItems } from './case-items-load';
import { InsertBatch } from './case-items-insert';
import { withSubjectForms } from './subject-forms.repository';
import { CaseAccess, caseAccess, formatCaseNumber, OpenReferral } from './case-rules';

export interface NewCase {
  id: string; owningAgency: string; leadAgentId: string; title: string; summary?: string; category: CaseCategory;
  flags: CaseFlags; workflowId: string; items: CaseItems[];
}
export interface CaseListFilter {
  scope: 'own' | 'shared' | 'all'; status?: CaseStatus; category?: CaseCategory;
  /** Whether the case has an unresolved deconfliction hit (on either side) / a referral not in a final state. */
  openHits?: boolean; openReferrals?: boolean;
}
export interface Keyset { createdAt: Date; id: string }

const SUBJECTS = 'SELECT id, kind, full_name, date_of_birth::text AS date_of_birth, nationality, name, org_type FROM case_subjects';
const IDENTIFIERS = 'SELECT id, type, value, region FROM case_identifiers';
const FIREARMS = 'SELECT id, serial_number, serial_obliterated, make, model, caliber, action, importer FROM case_firearms';
const OPERATIONS = 'SELECT id, type, latitude, longitude, radius_meters, starts_at, ends_at FROM case_operations';
const ITEM_ORDER = 'ORDER BY created_at, id';

/** Which cases agency $1 may read, as a WHERE over `cases c`: a case it may not read is never loaded. */
const OWN = 'c.owning_agency = $1';
const SHARED = `(c.owning_agency <> $1 AND EXISTS (SELECT 1 FROM case_shares s
  WHERE s.case_id = c.id AND s.agency_code = $1 AND s.revoked_at IS NULL))`;
const READABLE = { own: OWN, shared: SHARED, all: `(${OWN} OR ${SHARED})` } as const;

/** Rows of one multi-row INSERT that skips ids already there (a retried append). */

/**
 * A case by its id, read twice per case entered (deconfliction, the own-firearms trace step): prepared (queryPrepared),
 * its planning cost more than its run.
 */
const SELECT_CASE_BY_ID = `SELECT ${rowColumns<CaseRow>()([
  'id', 'case_number', 'owning_agency', 'lead_agent_id', 'title', 'summary', 'category', 'flags', 'status', 'outcome', 'result',
  'workflow_id', 'workflow_started_at', 'created_at', 'updated_at', 'closed_at',
])} FROM cases WHERE id = $1`;

/** A status's place in the lifecycle (CASE_STATUSES order), as SQL over `expr`. */
const STATUS_RANK = (expr: string): string => `array_position(ARRAY[${CASE_STATUSES.map((c) => `'${c}'`).join(', ')}]::text[], ${expr})`;

/** The cases tables: SQL only. Authorisation lives in the WHERE clauses, so a row the caller may not see is never loaded. */
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One sequence per agency and year (migration CaseNumberSequences): unique, lock-free, gaps tolerated. */
  async allocateCaseNumber(tx: EntityManager, agency: string, at: Date): Promise<string> {
    const year = at.getUTCFullYear();
    const row = await queryOne<{ n: string }>(tx, 'SELECT next_case_sequence($1, $2) AS n', [agency, year]);
    return formatCaseNumber(agency, year, Number(assertDefined(row, 'next_case_sequence').n));
  }

  /** The case and all its items in one statement (case-items-insert.ts). */
  async insertCase(tx: EntityManager, draft: NewCase, caseNumber: string, at: Date): Promise<void> {
    const batch = new InsertBatch();
    const values = [draft.id, caseNumber, draft.owningAgency, draft.leadAgentId, draft.title, draft.summary ?? null, draft.category]
      .map((v) => batch.param(v));
    batch.add(`INSERT INTO cases (id, case_number, owning_agency, lead_agent_id, title, summary, category, flags, status, workflow_id,
         created_at, updated_at)
       VALUES (${values.join(', ')}, ${batch.param(JSON.stringify(draft.flags))}::jsonb, 'INTAKE', ${batch.param(draft.workflowId)},
         ${batch.param(at)}, ${batch.param(at)})`);
    for (const items of draft.items) batch.items(draft.id, items, at);
    await batch.run(tx);
  }

  /** Rows carry ids chosen before the first attempt, so a retried append inserts nothing twice. */
  async insertItems(tx: EntityManager, caseId: string, items: CaseItems, at: Date): Promise<void> {
    const batch = new InsertBatch();
    batch.items(caseId, items, at);
    await batch.run(tx);
  }

  /**
   * Moves the case to the new status and appends its audit entry in one statement (issue 20: a status change was a
   * BEGIN, this UPDATE, the append and a COMMIT, twice per case entered), the entry's agency read from the row it
   * changes. False when nothing changed: the case is closed, already in the status or past it, or not there.
   * Forward only: this one statement commits even when its worker died while it waited on a lock, so a late one must
   * never take back a status a retried step has moved on from.
   */
  async setStatus(caseId: string, status: CaseStatus, audit: RowAuditEntry): Promise<boolean> {
    const append = auditAppendOfRowCall(audit, 'changed.owning_agency', 4);
    // Prepared (queryPrepared): planning this by its key cost as much as running it.
    const row = await queryOnePrepared<{ appended: boolean }>(this.dataSource,
      // A status change comes from the case workflow, so it also proves the workflow started (the relay skips it).
      `WITH changed AS (
         UPDATE cases SET status = $2, updated_at = $3, workflow_started_at = coalesce(workflow_started_at, $3)
         WHERE id = $1 AND status <> 'CLOSED' AND ${STATUS_RANK('status')} < ${STATUS_RANK('$2::text')} RETURNING owning_agency)
       SELECT ${append.sql} AS appended FROM changed`,
      // The change's time is its entry's: one clock reading for both.
      [caseId, status, audit.at, ...append.params],
    );
    return row !== undefined;
  }

  async close(tx: EntityManager, caseId: string, outcome: string, result: string | null, at: Date): Promise<void> {
    await tx.query(
      `UPDATE cases SET status = 'CLOSED', outcome = $2, result = $4, closed_at = $3, updated_at = $3
       WHERE id = $1 AND status <> 'CLOSED'`,
      [caseId, outcome, at, result],
    );
  }

  async findById(caseId: string, tx?: EntityManager): Promise<CaseRecord | null> {
    const row = await queryOnePrepared<CaseRow>(tx ?? this.dataSource, SELECT_CASE_BY_ID, [caseId]);
    return row ? toCaseRecord(row) : null;
  }

  /** The case, locked for the rest of the transaction (close runs one at a time per case). */
  async lockById(tx: EntityManager, caseId: string): Promise<CaseRecord | null> {
    const row = await queryOne<CaseRow>(tx, 'SELECT * FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
    return row ? toCaseRecord(row) : null;
  }

  /** Answers how the agency may see a case, at the query: a case it may not see is never loaded. */
  async accessFor(caseId: string, agency: string): Promise<CaseAccess | null> {
    const row = await queryOne<{ owning_agency: string; shared: boolean }>(this.dataSource,
      `SELECT c.owning_agency,
              EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.agency_code = $2 AND s.revoked_at IS NULL) AS shared
       FROM cases c WHERE c.id = $1`,
      [caseId, agency],
    );
    return row ? caseAccess(row.owning_agency, agency, row.shared) : null;
  }

  async caseExists(caseId: string): Promise<boolean> {
    return (await queryOne(this.dataSource, 'SELECT 1 FROM cases WHERE id = $1', [caseId])) !== undefined;
  }

  async loadDetail(caseId: string): Promise<CaseDetail | null> {
    const record = await this.findById(caseId);
    if (!record) return null;
    const db = this.dataSource;
    const where = `WHERE case_id = $1 ${ITEM_ORDER}`;
    const [subjects, identifiers, firearms, operations, shares, agent] = await Promise.all([
      query<SubjectRow>(db, `${SUBJECTS} ${where}`, [caseId]),
      query<IdentifierRow>(db, `${IDENTIFIERS} ${where}`, [caseId]),
      query<FirearmRow>(db, `${FIREARMS} ${where}`, [caseId]),
      query<OperationRow>(db, `${OPERATIONS} ${where}`, [caseId]),
      query<ShareRow>(db, `SELECT agency_code, reason, granted_by, granted_at FROM case_shares
        WHERE case_id = $1 AND revoked_at IS NULL ORDER BY granted_at`, [caseId]),
      queryOne<LeadAgentRow>(db, 'SELECT username, full_name, phone FROM users WHERE id = $1', [record.leadAgentId]),
    ]);
    return {
      record, identifiers, subjects: await withSubjectForms(db, subjects.map(toSubjectRecord)), firearms: firearms.map(toFirearmRecord),
      operations: operations.map(toOperationRecord), shares: shares.map(toShareRecord),
      leadAgent: agent ? { username: agent.username, fullName: agent.full_name, phone: agent.phone } : { username: 'unknown', fullName: 'unknown', phone: null },
    };
  }

  /**
   * Keyset page over the cases the agency may read, newest first: its own, those shared with it (a live grant in
   * case_shares; accepting a referral grants one), or both. Authorisation is in the WHERE: nothing else is loaded.
   */
  async listForAgency(agency: string, filter: CaseListFilter, limit: number, after?: Keyset): Promise<CaseRecord[]> {
    const rows = await query<CaseRow>(this.dataSource,
      `SELECT c.* FROM cases c
       WHERE ${READABLE[filter.scope]} AND ($2::text IS NULL OR c.status = $2) AND ($3::text IS NULL OR c.category = $3)
         AND ($7::boolean IS NULL OR $7 = EXISTS (SELECT 1 FROM deconfliction_hits h
           WHERE (h.a_case_id = c.id OR h.b_case_id = c.id) AND h.status <> 'RESOLVED'))
         AND ($8::boolean IS NULL OR $8 = EXISTS (SELECT 1 FROM referrals r
           WHERE r.case_id = c.id AND r.status <> ALL($9::text[])))
         AND ($4::timestamptz IS NULL OR (c.created_at, c.id) < ($4, $5::uuid))
       ORDER BY c.created_at DESC, c.id DESC LIMIT $6`,
      [agency, filter.status ?? null, filter.category ?? null, after?.createdAt ?? null, after?.id ?? null, limit,
        filter.openHits ?? null, filter.openReferrals ?? null, FINAL_REFERRAL_STATUSES],
    );
    return rows.map(toCaseRecord);
  }

  /**
   * Keyset page, newest first, of the cases the agency may read (the same WHERE as the list's `all`) that match the
   * search: case number, title and summary (full text, accents folded), person names (the tokens deconfliction stored),
   * organization names and identifiers (their stored normalised values). Only readable cases are ever counted or
   * loaded, so the answer says nothing about any other case.
   */
  async search(agency: string, terms: CaseSearchTerms, limit: number, after?: Keyset): Promise<CaseRecord[]> {
    const rows = await query<CaseRow>(this.dataSource,
      `WITH matched AS (
         SELECT id AS case_id FROM cases WHERE $2::text IS NOT NULL AND case_number ILIKE '%' || $2 || '%'
         UNION SELECT id FROM cases WHERE $3::text IS NOT NULL AND case_search_text(title, summary) @@ to_tsquery('simple', $3)
         UNION SELECT case_id FROM person_keys WHERE cardinality($4::text[]) > 0 AND tokens @> $4::text[]
         UNION SELECT case_id FROM match_keys
           WHERE $5::text IS NOT NULL AND case_id IS NOT NULL AND match_type = 'ORGANIZATION' AND norm LIKE '%' || $5 || '%'
         UNION SELECT m.case_id FROM match_keys m JOIN unnest($6::text[], $7::text[]) AS v(match_type, norm)
           ON m.match_type = v.match_type AND m.norm = v.norm
           WHERE m.case_id IS NOT NULL
       )
       SELECT c.* FROM cases c JOIN matched ON matched.case_id = c.id
       WHERE ${READABLE.all} AND ($8::timestamptz IS NULL OR (c.created_at, c.id) < ($8, $9::uuid))
       ORDER BY c.created_at DESC, c.id DESC LIMIT $10`,
      [agency, terms.caseNumberPart, terms.textQuery, terms.nameTokens, terms.organization,
        terms.identifiers.map((i) => i.type), terms.identifiers.map((i) => i.norm),
        after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(toCaseRecord);
  }

  async agencyExists(code: string): Promise<boolean> {
    return (await queryOne(this.dataSource, 'SELECT 1 FROM agencies WHERE code = $1', [code])) !== undefined;
  }

  /** Grants, or renews, another agency's read access. */
  async upsertShare(tx: EntityManager, caseId: string, agency: string, reason: string, grantedBy: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO case_shares (case_id, agency_code, reason, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id, agency_code) DO UPDATE SET reason = EXCLUDED.reason, granted_by = EXCLUDED.granted_by,
         granted_at = EXCLUDED.granted_at, revoked_at = NULL, revoked_by = NULL`,
      [caseId, agency, reason, grantedBy, at],
    );
  }

  /** Whether a live share was there to revoke. */
  async revokeShare(tx: EntityManager, caseId: string, agency: string, revokedBy: string): Promise<boolean> {
    const rows = await query<{ agency_code: string }>(tx,
      `UPDATE case_shares SET revoked_at = now(), revoked_by = $3
       WHERE case_id = $1 AND agency_code = $2 AND revoked_at IS NULL RETURNING agency_code`,
      [caseId, agency, revokedBy],
    );
    return rows.length > 0;
  }

  /** Unresolved deconfliction hits on either side of the case, and its referrals not yet accepted or declined. */
  async openObligations(tx: Db, caseId: string): Promise<{ hits: { count: number; matchTypes: string[] }; referrals: OpenReferral[] }> {
    const hits = await queryOne<{ n: string; types: string[] | null }>(tx,
      `SELECT count(*) AS n, array_agg(DISTINCT match_type ORDER BY match_type) AS types FROM deconfliction_hits
       WHERE (a_case_id = $1 OR b_case_id = $1) AND status <> 'RESOLVED'`, [caseId]);
    const referrals = await query<{ to_agency: string; rule: string; status: string }>(tx,
      `SELECT to_agency, coalesce(rule, 'MANUAL') AS rule, status FROM referrals
       WHERE case_id = $1 AND status <> ALL($2::text[]) ORDER BY created_at`,
      [caseId, FINAL_REFERRAL_STATUSES]);
    return {
      hits: { count: Number(hits?.n ?? 0), matchTypes: hits?.types ?? [] },
      referrals: referrals.map((r) => ({ toAgency: r.to_agency, rule: r.rule, status: r.status })),
    };
  }

  /** The case's items as the workflow's activities see them: all of them (intake), or those of one append. */
  async loadItems(tx: EntityManager, caseId: string, itemIds: string[] | null): Promise<CaseItems[]> {
    return loadCaseItems(tx, caseId, itemIds);
  }
}
