/** The shapes of the Cases API (shared/api.md, "Cases" and "Deconfliction"), as the console reads them. */
export const CASE_CATEGORIES = ['ARMS_TRAFFICKING', 'DRUG_TRAFFICKING', 'MONEY_LAUNDERING', 'HUMAN_SMUGGLING', 'FUGITIVE', 'OTHER'] as const;
export const CASE_STATUSES = ['INTAKE', 'DECONFLICTION', 'ACTIVE', 'CLOSED'] as const;
export const ORG_TYPES = ['DTO', 'GANG', 'BUSINESS', 'FFL', 'OTHER'] as const;
export const IDENTIFIER_TYPES = ['PHONE', 'VEHICLE_PLATE', 'VIN', 'ADDRESS', 'EMAIL', 'FIREARM_SERIAL', 'FFL_LICENSE'] as const;
export const OPERATION_TYPES = ['SEARCH_WARRANT', 'SURVEILLANCE', 'CONTROLLED_DELIVERY', 'UNDERCOVER', 'ARREST'] as const;
export const CASE_RESULTS = [
  'CONVICTION', 'GUILTY_PLEA', 'INDICTMENT', 'ARREST', 'SEIZURE', 'REFERRED_TO_PARTNER', 'NO_PROSECUTION', 'ACQUITTAL', 'UNFOUNDED', 'OTHER',
] as const;
export type CaseScope = 'own' | 'shared' | 'all';

export interface CaseSummary {
  id: string; caseNumber: string; title: string; category: string; status: string; owningAgency: string;
  createdAt: string | null; updatedAt: string | null;
}
export interface CasePage { items: CaseSummary[]; nextCursor: string | null }

export interface Subject {
  id: string; kind: 'PERSON' | 'ORGANIZATION'; fullName?: string; dateOfBirth?: string | null; nationality?: string | null;
  name?: string; orgType?: string | null;
  /** Other names (issue 21); monikers only on persons. */
  aliases?: string[]; monikers?: string[];
}
export interface Identifier { id: string; type: string; value: string; region: string | null }
export interface Firearm {
  id: string; serialNumber: string | null; serialObliterated: boolean; make: string | null; model: string | null;
  caliber: string | null; action: string | null; importer: string | null;
}
export interface Operation {
  id: string; type: string; latitude: number; longitude: number; radiusMeters: number | null; startsAt: string | null; endsAt: string | null;
}
export interface Share { agency: string; reason: string | null; grantedBy: string; grantedAt: string | null }
export interface ReferralHistory { status: string; at: string; actor?: string; note?: string; reason?: string }
export interface Referral {
  id: string; caseId: string; fromAgency: string; toAgency: string; kind: string; rule: string | null; reason: string;
  status: string; dueAt: string | null; history?: ReferralHistory[];
}

export interface CaseDetail {
  id: string; caseNumber: string; title: string; summary: string | null; category: string;
  flags: { portOfEntry?: string; cartelLink?: boolean; domesticSale?: boolean; exportSmuggling?: boolean };
  status: string; outcome: string | null; result: string | null; owningAgency: string;
  leadAgent: { username: string; fullName: string; phone: string | null } | null;
  access: 'OWNER' | 'SHARED';
  subjects: Subject[]; identifiers: Identifier[]; firearms: Firearm[]; operations: Operation[];
  shares?: Share[]; createdAt: string | null; updatedAt: string | null; closedAt: string | null;
  openHits: number; referrals: Referral[];
}

/** A hit as this side sees it: a pointer (agency, case number, whom to call), never the other case's contents. */
export interface Hit {
  id: string; matchType: string; matchedValue: string; score: number; tier?: string;
  /** How the values met, in the reader's language, without the other side's values; the tier's own text when absent. */
  reason?: string; status: string; resolution?: string;
  /** When an alias or moniker met (issue 21): which of this case's names, and which form of the other side's. */
  matchedForm?: 'LEGAL' | 'ALIAS' | 'MONIKER'; counterpartForm?: 'LEGAL' | 'ALIAS' | 'MONIKER';
  counterpart: {
    agency: string; caseNumber: string | null; agentName: string; agentPhone: string | null; agentEmail?: string | null;
    /** Only when the other side is a seizure (its serial stayed on watch): the record and its contact's agency. */
    seizureId?: string; contactAgency?: string;
  };
  createdAt: string;
}

export interface CaseCreated { id: string; caseNumber: string; status: string; owningAgency: string; workflowId: string }
export interface Agency { code: string; name: string; country?: string; retired?: boolean }
