import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';
import { deconflictionKeys, type DeskHit } from './hits';

/** Issue 17: a resolved hit back to OPEN with a reason; its escalation clock starts again. */
export interface ReopenInput { id: string; reason: string }

export const reopenHit = ({ id, reason }: ReopenInput, idempotencyKey: string) =>
  apiRequest<DeskHit>(`/deconfliction/hits/${encodeURIComponent(id)}/reopen`, { method: 'POST', body: { reason }, idempotencyKey });

export const useReopenHit = (onSuccess?: (hit: DeskHit) => void) =>
  useSubmission(reopenHit, { invalidates: [deconflictionKeys.all], onSuccess });
