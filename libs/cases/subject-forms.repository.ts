import { uuidFrom } from '../common/deterministic-id';
import type { NameForm, Subject, SubjectAlias, WithId } from '../contracts/case-items';
import { Db, query } from '../db/sql';
import { SubjectRecord, SubjectRow, toSubjectRecord } from './case-rows';

/**
 * A subject's other names (issue 21), in case_subject_aliases: given at intake inside the subject, or appended later
 * through the case workflow (CaseItems kind 'aliases'). Reads attach them to the subject records; deconfliction then
 * keys every form of the subject (match-keys.ts).
 */

type OtherForm = Exclude<NameForm, 'LEGAL'>;

/** The alias rows an intake's subjects carry, with ids fixed by the subject's (a retried intake writes them once). */
export function intakeForms(subjects: WithId<Subject>[]): WithId<SubjectAlias>[] {
  return subjects.flatMap((s) => {
    const forms: [OtherForm, string[] | undefined][] = s.kind === 'PERSON' ? [['ALIAS', s.aliases], ['MONIKER', s.monikers]] : [['ALIAS', s.aliases]];
    return forms.flatMap(([form, names]) => (names ?? []).map((name, i) => ({
      id: uuidFrom(`${s.id}\n${form}\n${i}`), subjectId: s.id, form, name,
    })));
  });
}

/** The subjects with their aliases and monikers attached, oldest first. */
export async function withSubjectForms(db: Db, subjects: SubjectRecord[]): Promise<SubjectRecord[]> {
  if (subjects.length === 0) return subjects;
  const rows = await query<{ subject_id: string; form: OtherForm; name: string }>(db,
    `SELECT subject_id, form, name FROM case_subject_aliases WHERE subject_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [subjects.map((s) => s.id)],
  );
  return subjects.map((s) => {
    const own = rows.filter((r) => r.subject_id === s.id);
    return { ...s, aliases: own.filter((r) => r.form === 'ALIAS').map((r) => r.name), monikers: own.filter((r) => r.form === 'MONIKER').map((r) => r.name) };
  });
}

/** One subject of the case with its other names, or null when the case has no such subject. */
export async function loadCaseSubject(db: Db, caseId: string, subjectId: string): Promise<SubjectRecord | null> {
  const rows = await query<SubjectRow>(db,
    `SELECT id, kind, full_name, date_of_birth::text AS date_of_birth, nationality, name, org_type FROM case_subjects
     WHERE case_id = $1 AND id = $2`, [caseId, subjectId]);
  return rows.length === 0 ? null : (await withSubjectForms(db, rows.map(toSubjectRecord)))[0];
}
