/** The ten data elements of a firearm seizure (domain.md, seed 002 paragraph 5), in the seed's order, as the API names them. */
export const SEIZURE_ELEMENTS = [
  'SERIAL_NUMBER', 'MAKE_MODEL', 'IMPORTER', 'SEIZURE_DATE', 'LOCATION', 'CIRCUMSTANCES', 'PERSONNEL',
  'CALIBER_ACTION', 'ARRESTEES', 'POINTS_OF_CONTACT',
] as const;
export type SeizureElement = (typeof SEIZURE_ELEMENTS)[number];

export interface SeizureFirearm {
  id: string; serialNumber: string; serialObliterated: boolean; obliterationNotes: string | null; make: string | null;
  model: string | null; importer: string | null; caliber: string | null; action: string | null;
}
export interface Arrestee { fullName: string; photoRef?: string | null; criminalHistoryRef?: string | null }
export interface PointOfContact { name: string; agency: string; phone: string }

export interface Seizure {
  id: string; owningAgency: string; caseId?: string | null; seizedAt: string;
  location: { latitude: number; longitude: number; description: string | null } | null;
  circumstances: string | null; finder: string | null; seizingOfficial: string | null; forensicProcessor: string | null;
  firearms: SeizureFirearm[]; arrestees: Arrestee[]; noArrests: boolean; pointsOfContact: PointOfContact[];
  completeness: { present: SeizureElement[]; missing: SeizureElement[] }; readyToShare: boolean; sharedWith?: string[];
  access: 'OWNER' | 'SHARED'; createdAt: string; updatedAt: string;
}

export interface SeizureList { items: Seizure[]; nextCursor: string | null }

export const TRACE_PRIORITIES = ['URGENT', 'ROUTINE'] as const;
export type TracePriority = (typeof TRACE_PRIORITIES)[number];
export const TRACE_STATUSES = ['SUBMITTED', 'IN_PROGRESS', 'COMPLETED', 'UNSUCCESSFUL'] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];

export interface Trace {
  id: string; seizureId: string | null; caseId: string | null; firearmId: string | null; serialNumber: string;
  priority: TracePriority; status: TraceStatus; overdue: boolean; requestingAgency: string; tracingAgency: string;
  requestedBy: string; dueAt: string;
  result: { firstRetailDealer: string | null; sourceState: string | null; firstRetailSaleDate: string | null; timeToCrimeDays: number | null } | null;
  unsuccessfulReason: string | null; createdAt: string;
}
export interface TraceList { items: Trace[]; nextCursor: string | null }
export const traceIsOpen = (t: Trace) => t.status === 'SUBMITTED' || t.status === 'IN_PROGRESS';
