/**
 * What the user typed, kept as text exactly as typed (a failed submission never clears or reformats it), and the
 * conversion to the API's item shapes (api.md, Cases): empty optional fields are left out.
 */
export interface SubjectDraft {
  kind: 'PERSON' | 'ORGANIZATION'; fullName: string; dateOfBirth: string; nationality: string; name: string; orgType: string;
  /** Other names, one per line as typed (issue 21); monikers are persons' only. */
  aliases: string; monikers: string;
}
export interface IdentifierDraft { type: string; value: string; region: string }
export interface FirearmDraft {
  serialNumber: string; serialObliterated: boolean; make: string; model: string; caliber: string; action: string; importer: string;
}
export interface OperationDraft { type: string; latitude: string; longitude: string; radiusMeters: string; startsAt: string; endsAt: string }

export const emptySubject = (): SubjectDraft => ({
  kind: 'PERSON', fullName: '', dateOfBirth: '', nationality: '', name: '', orgType: 'DTO', aliases: '', monikers: '',
});
export const emptyIdentifier = (): IdentifierDraft => ({ type: 'PHONE', value: '', region: '' });
export const emptyFirearm = (): FirearmDraft => ({ serialNumber: '', serialObliterated: false, make: '', model: '', caliber: '', action: '', importer: '' });
export const emptyOperation = (): OperationDraft => ({ type: 'SEARCH_WARRANT', latitude: '', longitude: '', radiusMeters: '250', startsAt: '', endsAt: '' });

const text = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
/** A number as typed; text that is not a number is sent as it is, so the API names the field. */
const numeric = (value: string): number | string | undefined => {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
};
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** A datetime-local value as ISO-8601 with the user's own offset (e.g. 2027-03-01T09:30:00-06:00). */
export function localToIsoWithOffset(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** One name per line; blank lines dropped; nothing typed, nothing sent. */
export const nameLines = (value: string): string[] | undefined => {
  const names = value.split('\n').map((n) => n.trim()).filter((n) => n !== '');
  return names.length > 0 ? names : undefined;
};

export const subjectBody = (s: SubjectDraft) => (s.kind === 'PERSON'
  ? compact({
      kind: 'PERSON', fullName: s.fullName, dateOfBirth: text(s.dateOfBirth), nationality: text(s.nationality),
      aliases: nameLines(s.aliases), monikers: nameLines(s.monikers),
    })
  : compact({ kind: 'ORGANIZATION', name: s.name, orgType: s.orgType, aliases: nameLines(s.aliases) }));
export const identifierBody = (i: IdentifierDraft) => compact({ type: i.type, value: i.value, region: text(i.region) });
export const firearmBody = (f: FirearmDraft) => compact({
  serialNumber: f.serialNumber, serialObliterated: f.serialObliterated || undefined, make: text(f.make), model: text(f.model),
  caliber: text(f.caliber), action: text(f.action), importer: text(f.importer),
});
export const operationBody = (o: OperationDraft) => compact({
  type: o.type, latitude: numeric(o.latitude), longitude: numeric(o.longitude), radiusMeters: numeric(o.radiusMeters),
  startsAt: localToIsoWithOffset(o.startsAt), endsAt: localToIsoWithOffset(o.endsAt),
});

export interface ItemDrafts { subjects: SubjectDraft[]; identifiers: IdentifierDraft[]; firearms: FirearmDraft[]; operations: OperationDraft[] }

/** A form's item rows as the API takes them (a new case, a check): a kind without rows is left out. */
export const itemsBody = ({ subjects, identifiers, firearms, operations }: ItemDrafts) => ({
  ...(subjects.length ? { subjects: subjects.map(subjectBody) } : {}),
  ...(identifiers.length ? { identifiers: identifiers.map(identifierBody) } : {}),
  ...(firearms.length ? { firearms: firearms.map(firearmBody) } : {}),
  ...(operations.length ? { operations: operations.map(operationBody) } : {}),
});
