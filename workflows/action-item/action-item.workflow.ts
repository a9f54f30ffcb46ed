import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createMeetingActivities } from '../../activities/meetings/meeting.activities';
import type { ActionItemWorkflowInput, ActionItemWorkflowState, CloseActionItemRequest } from '../../libs/contracts/meetings';
import { ActionItemFailure } from '../../libs/contracts/failures';
import { ActionItemStatus, nextActionItemStatus } from '../../libs/meetings/meeting-rules';
import { serialQueue, untilOrDeadline } from '../meeting/workflow-steps';
import { actionItemStateQuery, closeActionItemUpdate } from './messages';

const activities = proxyActivities<ReturnType<typeof createMeetingActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * One action item from a meeting outcome or a conference: OPEN -> OVERDUE when its due date passes (a durable timer)
 * -> CLOSED with a note, through an update (closing twice is refused with the current state). The timer's step and
 * a close never interleave.
 */
export async function actionItemWorkflow(input: ActionItemWorkflowInput): Promise<ActionItemWorkflowState> {
  const { actionItemId } = input;
  let status: ActionItemStatus = input.status ?? 'OPEN';
  const steps = serialQueue();
  const now = (): string => new Date(Date.now()).toISOString();
  const state = (): ActionItemWorkflowState => ({ actionItemId, status });
  const check = (): void => {
    if (nextActionItemStatus(status, 'CLOSE') === null) {
      throw ApplicationFailure.create({
        message: `cannot close an action item that is ${status}`, type: ActionItemFailure.InvalidTransition,
        nonRetryable: true, details: [status],
      });
    }
  };

  setHandler(actionItemStateQuery, state);
  setHandler(closeActionItemUpdate, (request: CloseActionItemRequest) => steps.run(async () => {
    check();
    status = (await activities.closeActionItem(actionItemId, request.actor, now(), request.note)).status;
    return state();
  }), { validator: (_request: CloseActionItemRequest) => check() });

  if (!input.status) {
    const recorded = await activities.confirmMeetingRecorded('action-item', actionItemId, workflowInfo().startTime.toISOString());
    if (!recorded) return state();
  }
  while (status === 'OPEN') {
    const closed = await untilOrDeadline(() => status !== 'OPEN', Date.parse(input.dueAt));
    if (closed) continue;
    await steps.run(async () => {
      if (status === 'OPEN') status = (await activities.markActionItemOverdue(actionItemId, now())).status;
    });
  }
  await condition(() => status === 'CLOSED');
  await condition(() => allHandlersFinished() && steps.idle());
  return state();
}
