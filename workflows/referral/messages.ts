import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ReferralStepRequest, ReferralWorkflowState } from '../../libs/contracts/referrals';

export const acknowledgeReferralUpdate = defineUpdate<ReferralWorkflowState, [ReferralStepRequest]>('acknowledgeReferral');
export const acceptReferralUpdate = defineUpdate<ReferralWorkflowState, [ReferralStepRequest]>('acceptReferral');
export const declineReferralUpdate = defineUpdate<ReferralWorkflowState, [ReferralStepRequest]>('declineReferral');
export const referralStateQuery = defineQuery<ReferralWorkflowState>('referralState');
