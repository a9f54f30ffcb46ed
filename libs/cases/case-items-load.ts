import type { EntityManager } from 'typeorm';
import type { CaseItems } from '../contracts/case-items';
import { assertDefined, queryOne, queryOnePrepared } from '../db/sql';
import {
  FirearmRow, IdentifierRow, itemsOf, OperationRow, SubjectRow, toFirearmRecord, toOperationRecord, toSubjectRecord,
} from './case-rows';

/** The case's items as JSON arrays in one row; each subject carries its other names (`forms`), oldest first. */
interface ItemsRow {
  subjects: (SubjectRow & { forms: { form: 'ALIAS' | 'MONIKER'; name: string }[] })[];
  identifiers: IdentifierRow[];
  firearms: FirearmRow[];
  /** JSON carries instants as text. */
  operations: (Omit<OperationRow, 'starts_at' | 'ends_at'> & { starts_at: string; ends_at: string })[];
}

/** Each kind's rows oldest first, as one JSON array (`created_at` rides along for the order; the mappers ignore it). */
const jsonRows = (alias: string, columns: string, from: string): string =>
  `(SELECT coalesce(json_agg(${alias} ORDER BY ${alias}.created_at, ${alias}.id), '[]') FROM (SELECT created_at, ${columns} FROM ${from}) ${alias})`;

const itemsQuery = (subjectsWhere: string, itemsWhere: string): string => `SELECT
  ${jsonRows('s', `id, kind, full_name, date_of_birth::text AS date_of_birth, nationality, name, org_type,
     (SELECT coalesce(json_agg(json_build_object('form', a.form, 'name', a.name) ORDER BY a.created_at, a.id), '[]')
      FROM case_subject_aliases a WHERE a.subject_id = case_subjects.id) AS forms`, `case_subjects ${subjectsWhere}`)} AS subjects,
  ${jsonRows('i', 'id, type, value, region', `case_identifiers ${itemsWhere}`)} AS identifiers,
  ${jsonRows('f', 'id, serial_number, serial_obliterated, make, model, caliber, action, importer', `case_firearms ${itemsWhere}`)} AS firearms,
  ${jsonRows('o', 'id, type, latitude, longitude, radius_meters, starts_at, ends_at', `case_operations ${itemsWhere}`)} AS operations`;

const LOAD_ALL_ITEMS = itemsQuery('WHERE case_id = $1', 'WHERE case_id = $1');
/** An append names items by id; an append of aliases names alias rows, whose subjects are loaded with every form they now have. */
const LOAD_NAMED_ITEMS = itemsQuery(
  `WHERE case_id = $1 AND (id = ANY($2::uuid[])
     OR id IN (SELECT subject_id FROM case_subject_aliases WHERE case_id = $1 AND id = ANY($2::uuid[])))`,
  'WHERE case_id = $1 AND id = ANY($2::uuid[])');

/**
 * The case's items (all of them, or the named ones) as deconfliction keys them. One statement for what took five or
 * six (each kind, the subjects' other names, the subjects of appended names): deconfliction reads them on every
 * intake and append, and each statement is a round trip the worker pays for (issue 20).
 */
export async function loadCaseItems(tx: EntityManager, caseId: string, itemIds: string[] | null): Promise<CaseItems[]> {
  // A case's intake reads all its items by one key: prepared, as its planning cost more than its execution
  // (queryPrepared). Named items are an array parameter, planned for each call.
  const row = assertDefined(itemIds === null
    ? await queryOnePrepared<ItemsRow>(tx, LOAD_ALL_ITEMS, [caseId])
    : await queryOne<ItemsRow>(tx, LOAD_NAMED_ITEMS, [caseId, itemIds]), 'case items');
  const subjects = row.subjects.map(({ forms, ...subject }) => ({
    ...toSubjectRecord(subject),
    aliases: forms.filter((f) => f.form === 'ALIAS').map((f) => f.name),
    monikers: forms.filter((f) => f.form === 'MONIKER').map((f) => f.name),
  }));
  const operations = row.operations.map((o) => toOperationRecord({ ...o, starts_at: new Date(o.starts_at), ends_at: new Date(o.ends_at) }));
  return itemsOf(subjects, row.identifiers.map(({ id, type, value, region }) => ({ id, type, value, region })),
    row.firearms.map(toFirearmRecord), operations);
}
