import {
  allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { MeetingActivities } from '../../libs/contracts/activities';
import type {
  ActionItemStart, CancelMeetingRequest, MeetingWorkflowInput, MeetingWorkflowState, NoticeRequest, OutcomeRequest,
  ReportRequestRequest, RescheduleMeetingRequest, ReviewReportRequest, SubmitReportRequest,
} from '../../libs/contracts/meetings';
import { MeetingFailure } from '../../libs/contracts/failures';
import {
  MeetingStep, meetingStepRefusal, NotificationStatus, REPORT_CLOCK_STATES, ReportStatus,
} from '../../libs/meetings/meeting-rules';
import { startChildOnce } from '../shared/children';
import {
  cancelMeetingUpdate, meetingStateQuery, recordNoticeUpdate, recordOutcomeUpdate, requestReportUpdate, rescheduleMeetingUpdate,
  reviewReportUpdate, submitReportUpdate,
} from '../../libs/contracts/messages/meeting';
import { serialQueue, untilOrDeadline } from './workflow-steps';

const activities = proxyActivities<MeetingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

type MeetingState = Omit<MeetingWorkflowState, 'meetingId'>;

/**
 * Issue 18: meetings can be cancelled and rescheduled. Histories recorded before it never hold either update; every
 * run that takes one records this marker first, so the branch below is where old and new code part.
 */
export const MEETING_CHANGES_PATCH = 'meeting-cancel-reschedule';

/** Action items live on in their own workflows (their clocks must not depend on this meeting's run). */
async function startActionItemWorkflows(items: ActionItemStart[]): Promise<void> {
  for (const item of items) {
    await startChildOnce('actionItemWorkflow', item.workflowId, { actionItemId: item.actionItemId, dueAt: item.dueAt });
  }
}

/**
 * One meeting with foreign counterparts (M1-M4). Two durable clocks run side by side: the notification clock (a
 * PENDING notice turns MISSING when the meeting time passes) and the report clock (a REQUESTED or RETURNED report
 * turns OVERDUE at its due date). Notice, outcome, report request, submission and review are updates whose validator
 * applies the rules (409 with the current state); every step, clock-driven ones included, runs one at a time.
 * Durations come from the input, times from the workflow clock.
 */
export async function meetingWorkflow(input: MeetingWorkflowInput): Promise<MeetingWorkflowState> {
  const { meetingId } = input;
  let scheduledAt = Date.parse(input.scheduledAt);
  /** Counts reschedulings: a clock armed for an earlier time re-arms when it changes. */
  let scheduleVersion = 0;
  let cancelled = input.state?.cancelled ?? false;
  let notification: NotificationStatus = input.state?.notification ?? (input.notificationRequired ? 'PENDING' : 'EXEMPT');
  let report: ReportStatus = input.state?.report ?? 'NOT_REQUESTED';
  let reportDueAt: string | null = input.state?.reportDueAt ?? null;
  let outcomeRecorded = input.state?.outcomeRecorded ?? false;
  const steps = serialQueue();
  // The workflow clock (the sandbox's Date), so every step's time replays identically.
  const now = (): string => new Date(Date.now()).toISOString();
  const state = (): MeetingWorkflowState => ({
    meetingId, notification, report, reportDueAt, outcomeRecorded, cancelled, scheduledAt: new Date(scheduledAt).toISOString(),
  });
  const apply = (s: MeetingState): void => {
    ({ notification, report, reportDueAt, outcomeRecorded } = s);
    // Activity results recorded before issue 18 do not carry it.
    cancelled = s.cancelled ?? cancelled;
  };
  const reportDone = (): boolean => report === 'ACCEPTED' || !input.reportEligible;
  // A cancelled meeting owes nothing more: its clocks stop and the run ends.
  const finished = (): boolean => cancelled || (['ON_TIME', 'LATE', 'EXEMPT'].includes(notification) && outcomeRecorded && reportDone());

  /** Throws the refusal of a step in the current state (validators, and again once the step's turn comes). */
  const check = (step: MeetingStep): void => {
    const refusal = meetingStepRefusal(step, { notification, report, outcomeRecorded, reportEligible: input.reportEligible, cancelled });
    if (!refusal) return;
    const { aspect, current, message, reason } = refusal;
    throw ApplicationFailure.create({
      message, type: MeetingFailure.InvalidTransition, nonRetryable: true, details: [current, aspect, ...(reason ? [reason] : [])],
    });
  };
  const dueFrom = (requested: string | undefined): string => requested ?? new Date(Date.now() + input.reportDueAfterMs).toISOString();

  setHandler(meetingStateQuery, state);
  setHandler(recordNoticeUpdate, (request: NoticeRequest) => steps.run(async () => {
    check('notice');
    apply(await activities.recordMeetingNotice(meetingId, request.actor, now()));
    return state();
  }), { validator: (_request: NoticeRequest) => check('notice') });
  setHandler(recordOutcomeUpdate, (request: OutcomeRequest) => steps.run(async () => {
    check('outcome');
    const result = await activities.recordMeetingOutcome(meetingId, request.actor, now(), {
      heldAt: request.heldAt, summary: request.summary, actionItems: request.actionItems,
    });
    apply(result);
    await startActionItemWorkflows(result.actionItems);
    return state();
  }), { validator: (_request: OutcomeRequest) => check('outcome') });
  setHandler(requestReportUpdate, (request: ReportRequestRequest) => steps.run(async () => {
    check('REQUEST');
    apply(await activities.requestMeetingReport(meetingId, request.actor, now(), dueFrom(request.dueAt)));
    return state();
  }), { validator: (_request: ReportRequestRequest) => check('REQUEST') });
  setHandler(submitReportUpdate, (request: SubmitReportRequest) => steps.run(async () => {
    check('SUBMIT');
    apply(await activities.submitMeetingReport(meetingId, request.actor, now(), request.body));
    return state();
  }), { validator: (_request: SubmitReportRequest) => check('SUBMIT') });
  setHandler(reviewReportUpdate, (request: ReviewReportRequest) => steps.run(async () => {
    check(request.decision);
    const dueAt = request.decision === 'RETURN' ? dueFrom(request.dueAt) : null;
    apply(await activities.reviewMeetingReport(meetingId, request.actor, now(), request.decision, request.comment, dueAt));
    return state();
  }), { validator: (request: ReviewReportRequest) => check(request.decision) });

  /** The branch of issue 18: a history that took a change carries the marker; one without it never took a change. */
  const changesAllowed = (): void => {
    if (!patched(MEETING_CHANGES_PATCH)) {
      throw ApplicationFailure.create({ message: 'this run predates meeting changes', type: MeetingFailure.InvalidTransition, nonRetryable: true });
    }
  };
  setHandler(cancelMeetingUpdate, (request: CancelMeetingRequest) => steps.run(async () => {
    check('cancel');
    changesAllowed();
    apply(await activities.cancelMeeting(meetingId, request.actor, now(), request.reason));
    cancelled = true;
    return state();
  }), { validator: (_request: CancelMeetingRequest) => check('cancel') });
  setHandler(rescheduleMeetingUpdate, (request: RescheduleMeetingRequest) => steps.run(async () => {
    check('reschedule');
    changesAllowed();
    apply(await activities.rescheduleMeeting(meetingId, request.actor, now(), request.scheduledAt, request.reason));
    scheduledAt = Date.parse(request.scheduledAt);
    scheduleVersion += 1;
    return state();
  }), { validator: (_request: RescheduleMeetingRequest) => check('reschedule') });

  /**
   * M1: a notice still owed when the meeting time comes is MISSING (a later notice makes it LATE). A reschedule
   * re-arms the clock for the new time (and a MISSING notice is owed again for it); a cancellation stops it. Without
   * either, it arms exactly the timers it armed before issue 18.
   */
  const notificationClock = async (): Promise<void> => {
    for (;;) {
      await condition(() => finished() || notification === 'PENDING');
      if (finished()) return;
      const armed = scheduleVersion;
      const moved = () => notification !== 'PENDING' || cancelled || scheduleVersion !== armed;
      if (await untilOrDeadline(moved, scheduledAt)) continue;
      await steps.run(async () => {
        if (!moved()) apply(await activities.markMeetingNoticeMissing(meetingId, now()));
      });
    }
  };

  /** M3: a report waiting on its due date falls OVERDUE; a return re-arms the clock with the new due date. */
  const reportClock = async (): Promise<void> => {
    for (;;) {
      await condition(() => reportDone() || cancelled || (REPORT_CLOCK_STATES.includes(report) && reportDueAt !== null));
      if (reportDone() || cancelled) return;
      const armed = report;
      const due = reportDueAt as string;
      const moved = () => report !== armed || reportDueAt !== due || cancelled;
      if (await untilOrDeadline(moved, Date.parse(due))) continue;
      await steps.run(async () => {
        if (!moved()) apply(await activities.markMeetingReportOverdue(meetingId, due, now()));
      });
      // Never spin on a due date the read model did not take: wait for the next change.
      await condition(moved);
    }
  };

  if (!input.state) {
    const recorded = await activities.confirmMeetingRecorded('meeting', meetingId, workflowInfo().startTime.toISOString());
    if (!recorded) return state();
  }
  const clocks = Promise.all([notificationClock(), reportClock()]);
  await condition(() => finished() || workflowInfo().continueAsNewSuggested);
  await condition(() => allHandlersFinished() && steps.idle());
  if (!finished()) {
    // The input keeps its recorded shape unless the meeting was rescheduled (the next run's clock runs to the new time).
    const moved = scheduleVersion > 0 ? { scheduledAt: new Date(scheduledAt).toISOString() } : {};
    await continueAsNew<typeof meetingWorkflow>({ ...input, ...moved, state: { notification, report, reportDueAt, outcomeRecorded } });
  }
  await clocks;
  return state();
}
