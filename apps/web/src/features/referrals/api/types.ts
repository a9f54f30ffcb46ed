export const REFERRAL_STATUSES = ['SENT', 'ACKNOWLEDGED', 'ESCALATED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface ReferralHistoryEntry { status: string; action: string; actor: string; agency: string | null; at: string; note?: string }

/** The case items the sender disclosed with the referral: all the receiving agency reads before accepting. */
export interface ReferralPacket {
  portOfEntry?: string;
  subjects: { id: string; kind: 'PERSON' | 'ORGANIZATION'; fullName?: string | null; dateOfBirth?: string | null; name?: string | null; orgType?: string | null }[];
  identifiers: { id: string; type: string; value: string; region: string | null }[];
  firearms: { id: string; serialNumber: string; make: string | null; model: string | null; caliber: string | null }[];
  operations: { id: string; type: string; startsAt: string; endsAt: string }[];
}
export interface ReferralSender { name: string; agency: string; phone: string | null }

/** api.md "Referrals": a pointer to the sender's case, the facts the rule saw, the packet and whom to call. */
export interface Referral {
  id: string; caseId: string; caseNumber: string; fromAgency: string; toAgency: string; kind: string; rule: string | null;
  reason: string; status: ReferralStatus; dueAt: string | null; history: ReferralHistoryEntry[]; createdAt: string;
  packet?: ReferralPacket; sender?: ReferralSender | null;
}

/** What a case agent sends to open a referral: item ids of the case, by kind. */
export interface ReferralRequest {
  toAgency: string; reason: string;
  packet: { subjects: string[]; identifiers: string[]; firearms: string[]; operations: string[] };
}

export interface ReferralPage { items: Referral[]; nextCursor?: string | null }

/** Waiting for the receiving agency to acknowledge: the clock runs. */
export const awaitingAcknowledgement = (r: Referral) => r.status === 'SENT' || r.status === 'ESCALATED';
export const isFinal = (r: { status: string }) => r.status === 'ACCEPTED' || r.status === 'DECLINED' || r.status === 'WITHDRAWN';
