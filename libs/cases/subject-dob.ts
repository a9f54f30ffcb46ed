import type { DataSource } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { SubjectDobRequest, SubjectDobResult } from '../contracts/case-items';
import { queryOne } from '../db/sql';

/** A person subject of a case as the DOB step reads it. */
export interface PersonSubjectRow { id: string; full_name: string; date_of_birth: string | null }

/** The person subject of this case with this id, or null (another case's, an organization, or none). */
export async function findPersonSubject(db: DataSource, caseId: string, subjectId: string): Promise<PersonSubjectRow | null> {
  return (await queryOne<PersonSubjectRow>(db,
    `SELECT id, full_name, date_of_birth::text AS date_of_birth FROM case_subjects WHERE id = $1 AND case_id = $2 AND kind = 'PERSON'`,
    [subjectId, caseId])) ?? null;
}

/**
 * The case workflow's DOB step (issue 16): the subject's date of birth and its person key's are set together, with one
 * audit entry naming the old and the new date; the workflow then runs matching again for the subject, whose stored
 * name, tokens and vocabulary counts stay as they were. A repeated request (or a retried step whose first attempt
 * committed) finds the date already set and writes nothing.
 */
export async function setSubjectDateOfBirth(
  dataSource: DataSource, audit: AuditStore, caseId: string, { actor, subjectId, dateOfBirth }: SubjectDobRequest,
): Promise<SubjectDobResult> {
  return dataSource.transaction(async (tx) => {
    const row = await queryOne<{ date_of_birth: string | null }>(tx,
      `SELECT date_of_birth::text AS date_of_birth FROM case_subjects WHERE id = $1 AND case_id = $2 AND kind = 'PERSON' FOR UPDATE`,
      [subjectId, caseId]);
    if (!row || row.date_of_birth === dateOfBirth) return { caseId, subjectId, dateOfBirth, changed: false };
    await tx.query('UPDATE case_subjects SET date_of_birth = $2 WHERE id = $1', [subjectId, dateOfBirth]);
    await tx.query('UPDATE person_keys SET date_of_birth = $2 WHERE id = $1 AND case_id = $3', [subjectId, dateOfBirth, caseId]);
    await tx.query('UPDATE cases SET updated_at = now() WHERE id = $1', [caseId]);
    await audit.append({
      actor: actor.username, agency: actor.agency, action: 'case.subject_dob_set', entityType: 'case', entityId: caseId,
      details: { subjectId, from: row.date_of_birth, to: dateOfBirth },
    }, tx);
    return { caseId, subjectId, dateOfBirth, changed: true };
  });
}
