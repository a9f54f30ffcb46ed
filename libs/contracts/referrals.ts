import type { ReferralStatus } from '../referrals/referral-rules';

export interface ReferralWorkflowInput { referralId: string; ackDueAfterMs: number; status?: ReferralStatus }
export interface ReferralStepRequest { actor: { userId: string; username: string; agency: string }; note?: string }
export interface ReferralWorkflowState { referralId: string; status: ReferralStatus }
