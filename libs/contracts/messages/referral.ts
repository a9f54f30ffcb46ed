import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ReferralStepRequest, ReferralWorkflowState } from '../referrals';

/** The names are recorded in workflow histories and sent by the API: never rename one. */
export const acknowledgeReferralUpdate = defineUpdate<ReferralWorkflowState, [ReferralStepRequest]>('acknowledgeReferral');
export const acceptReferralUpdate = defineUpdate<ReferralWorkflowState, [ReferralStepRequest]>('acceptReferral');
export const declineReferralUpdate = defineUpdate<ReferralWorkflowState, [ReferralStepRequest]>('declineReferral');
/** The sending agency takes a referral back before it is accepted (the note is the reason). */
export const withdrawReferralUpdate = defineUpdate<ReferralWorkflowState, [ReferralStepRequest]>('withdrawReferral');
export const referralStateQuery = defineQuery<ReferralWorkflowState>('referralState');
