/** Case item shapes as they travel between the API, the case workflow and its activities (api.md "Cases"). */
export const CASE_CATEGORIES = [
  'ARMS_TRAFFICKING', 'DRUG_TRAFFICKING', 'MONEY_LAUNDERING', 'HUMAN_SMUGGLING', 'FUGITIVE', 'OTHER',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_STATUSES = ['INTAKE', 'DECONFLICTION', 'ACTIVE', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const ORG_TYPES = ['DTO', 'GANG', 'BUSINESS', 'FFL', 'OTHER'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const IDENTIFIER_TYPES = [
  'PHONE', 'VEHICLE_PLATE', 'VIN', 'ADDRESS', 'EMAIL', 'FIREARM_SERIAL', 'FFL_LICENSE',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export const OPERATION_TYPES = ['SEARCH_WARRANT', 'SURVEILLANCE', 'CONTROLLED_DELIVERY', 'UNDERCOVER', 'ARREST'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export interface CaseFlags {
  portOfEntry?: string;
  cartelLink?: boolean;
  domesticSale?: boolean;
  exportSmuggling?: boolean;
}

/** Other full names (`aliases`) and street nicknames (`monikers`) a subject is known by (issue 21). */
export interface PersonSubject {
  kind: 'PERSON'; fullName: string; dateOfBirth?: string; nationality?: string; aliases?: string[]; monikers?: string[];
}
export interface OrganizationSubject { kind: 'ORGANIZATION'; name: string; orgType: OrgType; aliases?: string[] }
export type Subject = PersonSubject | OrganizationSubject;

export interface Identifier { type: IdentifierType; value: string; region?: string }

export interface Firearm {
  serialNumber: string;
  serialObliterated?: boolean;
  make?: string;
  model?: string;
  caliber?: string;
  action?: string;
  importer?: string;
}

export interface Operation {
  type: OperationType;
  latitude: number;
  longitude: number;
  radiusMeters?: number;
  startsAt: string;
  endsAt: string;
}

/** The form a name of a subject is: its legal name, another full name, or a moniker (persons only). */
export const NAME_FORMS = ['LEGAL', 'ALIAS', 'MONIKER'] as const;
export type NameForm = (typeof NAME_FORMS)[number];

/** One other name appended later to a subject of the case (POST /cases/:id/subjects/:subjectId/aliases). */
export interface SubjectAlias { subjectId: string; form: Exclude<NameForm, 'LEGAL'>; name: string }

/** Items carry ids chosen by the API so that a retried activity writes each row once. */
export type WithId<T> = T & { id: string };

export type CaseItems =
  | { kind: 'subjects'; items: WithId<Subject>[] }
  | { kind: 'identifiers'; items: WithId<Identifier>[] }
  | { kind: 'firearms'; items: WithId<Firearm>[] }
  | { kind: 'operations'; items: WithId<Operation>[] }
  | { kind: 'aliases'; items: WithId<SubjectAlias>[] };
export type CaseItemKind = CaseItems['kind'];

export interface Actor { userId: string; username: string; agency: string }

export interface AppendRequest { actor: Actor; append: CaseItems }
export interface AppendResult { caseId: string; kind: CaseItemKind; added: number; itemIds: string[] }

/** `result` is the countable part of the outcome (statistics); replays of older closes carry none. */
export interface CloseRequest { actor: Actor; outcome: string; result?: string }
export interface CloseResult { caseId: string; status: 'CLOSED'; outcome: string; result?: string | null; closedAt: string }

export interface CaseWorkflowInput {
  caseId: string;
  /** Carried over continue-as-new so a long-lived case does not replay its whole history. */
  status?: CaseStatus;
}

export interface CaseWorkflowState { caseId: string; status: CaseStatus; appendsApplied: number }

/** A flag as a PATCH sends it: null (or false, or an empty port) clears it. */
export type CaseFlagsPatch = { [K in keyof CaseFlags]?: CaseFlags[K] | null };

/**
 * The fields a PATCH sets, as the case workflow applies them: only those sent; flags merge key by key. The lead agent
 * comes checked and resolved by the API (an agent of the owning agency).
 */
export interface CaseEdit {
  title?: string;
  summary?: string | null;
  flags?: CaseFlagsPatch;
  leadAgent?: { userId: string; username: string };
}
export interface EditRequest { actor: Actor; edit: CaseEdit }
/** The fields the edit changed (none when the case already read so: a repeated PATCH). */
export interface EditResult { caseId: string; changed: string[] }

/** A date of birth given for a person subject already on the case (issue 16: it may decide an ambiguous match). */
export interface SubjectDobRequest { actor: Actor; subjectId: string; dateOfBirth: string }
/** `changed` is false when the subject already had that date (a repeated request), or is not a person of the case. */
export interface SubjectDobResult { caseId: string; subjectId: string; dateOfBirth: string; changed: boolean }
