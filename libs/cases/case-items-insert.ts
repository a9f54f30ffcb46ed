import type { EntityManager } from 'typeorm';
import type { CaseItems, SubjectAlias, WithId } from '../contracts/case-items';
import { DEFAULT_OPERATION_RADIUS_METERS } from './case-rules';
import { intakeForms } from './subject-forms.repository';

/**
 * Several INSERTs sent as one statement (issue 20: each statement is a round trip the API or worker pays for): all but
 * the last run as data-modifying WITH clauses, which PostgreSQL always runs to completion; foreign keys between them
 * (a subject's alias rows, a new case's items) are checked at the end of the statement, when every row is in.
 */
export class InsertBatch {
  private readonly params: unknown[] = [];
  private readonly statements: string[] = [];

  /** The placeholder of a new parameter. */
  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  add(statement: string): void {
    this.statements.push(statement);
  }

  async run(tx: EntityManager): Promise<void> {
    if (this.statements.length === 0) return;
    const last = this.statements[this.statements.length - 1];
    const before = this.statements.slice(0, -1).map((s, i) => `w${i} AS (${s})`);
    await tx.query(before.length === 0 ? last : `WITH ${before.join(', ')} ${last}`, this.params);
  }

  /** Rows with ids fixed before the first attempt: a retry inserts nothing twice. */
  insertIgnoring(table: string, columns: string[], rows: unknown[][]): void {
    const values = rows.map((row) => `(${row.map((value) => this.param(value)).join(', ')})`);
    this.add(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`);
  }

  subjectForms(caseId: string, forms: WithId<SubjectAlias>[], at: Date): void {
    if (forms.length === 0) return;
    this.add(`INSERT INTO case_subject_aliases (id, case_id, subject_id, form, name, created_at)
      SELECT f.id, ${this.param(caseId)}::uuid, f.subject_id, f.form, f.name, ${this.param(at)}::timestamptz
      FROM unnest(${this.param(forms.map((f) => f.id))}::uuid[], ${this.param(forms.map((f) => f.subjectId))}::uuid[],
                  ${this.param(forms.map((f) => f.form))}::text[], ${this.param(forms.map((f) => f.name))}::text[]) AS f(id, subject_id, form, name)
      ON CONFLICT (id) DO NOTHING`);
  }

  /** The rows of one kind of items (a subject's other names included). */
  items(caseId: string, items: CaseItems, at: Date): void {
    if (items.items.length === 0) return;
    switch (items.kind) {
      case 'subjects':
        this.insertIgnoring('case_subjects',
          ['id', 'case_id', 'kind', 'full_name', 'date_of_birth', 'nationality', 'name', 'org_type', 'created_at'],
          items.items.map((s) => (s.kind === 'PERSON'
            ? [s.id, caseId, s.kind, s.fullName, s.dateOfBirth ?? null, s.nationality ?? null, null, null, at]
            : [s.id, caseId, s.kind, null, null, null, s.name, s.orgType, at])));
        return this.subjectForms(caseId, intakeForms(items.items), at);
      case 'aliases':
        return this.subjectForms(caseId, items.items, at);
      case 'identifiers':
        return this.insertIgnoring('case_identifiers', ['id', 'case_id', 'type', 'value', 'region', 'created_at'],
          items.items.map((i) => [i.id, caseId, i.type, i.value, i.region ?? null, at]));
      case 'firearms':
        return this.insertIgnoring('case_firearms',
          ['id', 'case_id', 'serial_number', 'serial_obliterated', 'make', 'model', 'caliber', 'action', 'importer', 'created_at'],
          items.items.map((f) => [f.id, caseId, f.serialNumber, f.serialObliterated ?? false, f.make ?? null, f.model ?? null,
            f.caliber ?? null, f.action ?? null, f.importer ?? null, at]));
      case 'operations':
        return this.insertIgnoring('case_operations',
          ['id', 'case_id', 'type', 'latitude', 'longitude', 'radius_meters', 'starts_at', 'ends_at', 'created_at'],
          items.items.map((o) => [o.id, caseId, o.type, o.latitude, o.longitude, o.radiusMeters ?? DEFAULT_OPERATION_RADIUS_METERS,
            new Date(o.startsAt), new Date(o.endsAt), at]));
    }
  }
}
