import { WorkflowFailure } from '../../../../libs/contracts/failures';
import { WorkflowRejection } from '../infra/temporal.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * No dead window (issue 17): a hit is committed (and its agents told) by the deconfliction activity, and its workflow
 * is started by the parent's next workflow task, durably, since the activity's result is in the parent's history. So a
 * hit a user can see has its workflow on the way: a step that finds it not yet registered waits for it (a few tries,
 * up to `waitMs`) instead of answering 503. Only if Temporal or the worker is away does the wait run out, and then the
 * caller's 503 with Retry-After is the truth. Listing a hit only once its start is confirmed would hide it from the
 * agents the same commit already notified, and would need a confirming write from every parent workflow.
 */
export async function onceHitRegistered<T>(
  attempt: () => Promise<T>, stillStarting: () => Promise<boolean>, waitMs: number,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
    try {
      return await attempt();
    } catch (error) {
      const notFound = error instanceof WorkflowRejection && error.type === WorkflowFailure.NotFound;
      if (!notFound || Date.now() + pause > deadline || !(await stillStarting())) throw error;
      await sleep(pause);
    }
  }
}
