import type { Actor } from './case-items';

export const REFERRAL_RULES = ['R1', 'R2', 'R3', 'R4'] as const;
export type ReferralRule = (typeof REFERRAL_RULES)[number];
export const REFERRAL_STATUSES = ['SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'ESCALATED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type ReferralAction = 'ACKNOWLEDGE' | 'ACCEPT' | 'DECLINE' | 'ESCALATE';

export interface ReferralWorkflowInput { referralId: string; ackDueAfterMs: number; status?: ReferralStatus }
/** A referral made by case evaluation, returned by the activity so the case workflow starts its workflow. */
export interface ReferralStart { referralId: string; workflowId: string; ackDueAfterMs: number; rule?: ReferralRule }
export interface ReferralStepRequest { actor: Actor; note?: string }
export interface ReferralWorkflowState { referralId: string; status: ReferralStatus }
