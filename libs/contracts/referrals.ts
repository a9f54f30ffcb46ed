import type { Actor } from './case-items';

export const REFERRAL_RULES = ['R1', 'R2', 'R3', 'R4'] as const;
export type ReferralRule = (typeof REFERRAL_RULES)[number];
export const REFERRAL_STATUSES = ['SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'ESCALATED', 'WITHDRAWN'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** WITHDRAW is the sender's step (a manual or rule referral taken back before it is accepted); the others the receiver's. */
export type ReferralAction = 'ACKNOWLEDGE' | 'ACCEPT' | 'DECLINE' | 'ESCALATE' | 'WITHDRAW';

export interface ReferralWorkflowInput { referralId: string; ackDueAfterMs: number; status?: ReferralStatus }
/** A referral made by case evaluation, returned by the activity so the case workflow starts its workflow. */
export interface ReferralStart { referralId: string; workflowId: string; ackDueAfterMs: number; rule?: ReferralRule }
export interface ReferralStepRequest { actor: Actor; note?: string }
export interface ReferralWorkflowState { referralId: string; status: ReferralStatus }

/** The case items disclosed with a referral, by kind (item ids of the referred case). */
export const PACKET_KINDS = ['subjects', 'identifiers', 'firearms', 'operations'] as const;
export type PacketKind = (typeof PACKET_KINDS)[number];
export type PacketIds = Record<PacketKind, string[]>;
/** What a referral discloses: item ids, and for rules that need it the case's port of entry (a flag, not an item). */
export interface ReferralPacket extends PacketIds { portOfEntry?: string }
