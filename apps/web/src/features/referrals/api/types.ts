export const REFERRAL_STATUSES = ['SENT', 'ACKNOWLEDGED', 'ESCALATED', 'ACCEPTED', 'DECLINED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface ReferralHistoryEntry { status: string; action: string; actor: string; agency: string | null; at: string; note?: string }

/** api.md "Referrals": a pointer to the sender's case and the facts the rule saw. */
export interface Referral {
  id: string; caseId: string; caseNumber: string; fromAgency: string; toAgency: string; kind: string; rule: string | null;
  reason: string; status: ReferralStatus; dueAt: string | null; history: ReferralHistoryEntry[]; createdAt: string;
}

export interface ReferralPage { items: Referral[]; nextCursor?: string | null }

/** Waiting for the receiving agency to acknowledge: the clock runs. */
export const awaitingAcknowledgement = (r: Referral) => r.status === 'SENT' || r.status === 'ESCALATED';
export const isFinal = (r: Referral) => r.status === 'ACCEPTED' || r.status === 'DECLINED';
