import { ReplayResult, Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const HISTORIES = path.resolve(__dirname, '../histories');
const BUNDLE = path.resolve(__dirname, '../../dist/workflow-bundle.js');

interface HistoryEvent { eventType: string; [attributes: string]: unknown }
const histories = new Map(readdirSync(HISTORIES).filter((f) => f.endsWith('.json')).sort()
  .map((f) => [f, JSON.parse(readFileSync(path.join(HISTORIES, f), 'utf8')) as { events: HistoryEvent[] }]));

const types = (file: string): string[] => (histories.get(file)?.events ?? []).map((e) => e.eventType.replace(/^EVENT_TYPE_/, ''));
const children = (file: string): string[] => (histories.get(file)?.events ?? [])
  .filter((e) => e.eventType === 'EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED')
  .map((e) => (e.startChildWorkflowExecutionInitiatedEventAttributes as { workflowType: { name: string } }).workflowType.name);
const activityTypes = (file: string): string[] => (histories.get(file)?.events ?? [])
  .filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')
  .map((e) => (e.activityTaskScheduledEventAttributes as { activityType: { name: string } }).activityType.name);
const updateNames = (file: string): string[] => (histories.get(file)?.events ?? [])
  .filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED')
  .map((e) => (e.workflowExecutionUpdateAcceptedEventAttributes as { acceptedRequest: { input: { name: string } } }).acceptedRequest.input.name);
const markers = (file: string): string[] => (histories.get(file)?.events ?? [])
  .filter((e) => e.eventType === 'EVENT_TYPE_MARKER_RECORDED')
  .map((e) => (e.markerRecordedEventAttributes as { markerName: string }).markerName);
/** The workflow's result as recorded (payloads are stored decoded: see scripts/support/recording.ts). */
const result = (file: string): unknown => {
  const done = histories.get(file)?.events.find((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
  const payload = (done?.workflowExecutionCompletedEventAttributes as { result?: { payloads: { data: string }[] } })?.result?.payloads[0];
  return payload ? JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) : undefined;
};
/** Whether the run was started by a continue-as-new (its first event names the run it continues). */
const continuedAsNew = (file: string): boolean =>
  (histories.get(file)?.events[0].workflowExecutionStartedEventAttributes as { continuedExecutionRunId?: string })?.continuedExecutionRunId !== undefined;

/**
 * The branches of the newest workflow code and the histories that take them (issue 23): each must be on file and
 * must really take its branch, or the replay below proves nothing about it.
 */
const BRANCHES: [file: string, branch: string, takes: (file: string) => boolean][] = [
  ['referral-workflow-r3-accepted-starts-traces.json', 'R3 accepted starts trace children', (f) => children(f).includes('traceWorkflow')],
  ['case-workflow-r3-firearm-traces.json', 'a firearm appended to an R3 case starts its trace', (f) => children(f).includes('traceWorkflow')],
  ['referral-workflow-declined.json', 'a declined referral', (f) => (result(f) as { status?: string })?.status === 'DECLINED'],
  ['hit-workflow-resolved-before-escalation.json', 'a hit resolved before it escalates',
    (f) => (result(f) as { status?: string })?.status === 'RESOLVED' && !activityTypes(f).includes('escalateHit') && types(f).includes('TIMER_CANCELED')],
  ['case-workflow-continued-as-new.json', 'the case continues as new', (f) => types(f).at(-1) === 'WORKFLOW_EXECUTION_CONTINUED_AS_NEW'],
  ['case-workflow-after-continue-as-new.json', 'a case run started by continue-as-new', continuedAsNew],
  ['meeting-workflow-continued-as-new.json', 'the meeting continues as new', (f) => types(f).at(-1) === 'WORKFLOW_EXECUTION_CONTINUED_AS_NEW'],
  ['meeting-workflow-after-continue-as-new.json', 'a meeting run started by continue-as-new', continuedAsNew],
  ['case-workflow-edited-flags-raise-r1.json', 'an edit of the flags raises a referral (issue 18)',
    (f) => updateNames(f).includes('editCase') && children(f).includes('referralWorkflow')],
  ['case-workflow-self-traced-firearms.json', 'a domestic-sale case of the tracing agency traces its own firearms (issue 18)',
    (f) => children(f).includes('traceWorkflow') && !children(f).includes('referralWorkflow')],
  ['case-workflow-subject-dob-set.json', 'a DOB given after intake, through setSubjectDateOfBirth (issue 16)',
    (f) => updateNames(f).includes('setSubjectDateOfBirth')],
  // Issue 18 (patched 'meeting-cancel-reschedule'): a cancellation cancels both clocks' timers and ends the run.
  ['meeting-workflow-cancelled.json', 'a meeting cancelled with both clocks running', (f) => activityTypes(f).includes('cancelMeeting')
    && types(f).filter((t) => t === 'TIMER_CANCELED').length === 2 && !types(f).includes('TIMER_FIRED') && types(f).includes('MARKER_RECORDED')],
  // Issue 17 (patched 'hit-reopen'): a resolved hit reopened, escalated again on a fresh clock, resolved again.
  ['hit-workflow-reopened-escalated-resolved.json', 'a resolved hit reopened escalates again', (f) => updateNames(f).includes('reopenHit')
    && activityTypes(f).filter((a) => a === 'escalateHit').length === 2 && activityTypes(f).filter((a) => a === 'resolveHit').length === 2
    && types(f).includes('MARKER_RECORDED')],
  // Issue 20 (patched 'case-one-patch'): one patch marker, intake as one local activity, children started together.
  ['case-workflow-one-patch.json', 'intake as one step with one patch marker, an append starting children together', (f) =>
    activityTypes(f).length === 0 && types(f).filter((t) => t === 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES').length === 1
    && children(f).filter((c) => c === 'referralWorkflow').length >= 2 && updateNames(f).includes('appendToCase')],
  ['meeting-workflow-rescheduled.json', 'a meeting moved forward (missed), then postponed and held', (f) =>
    activityTypes(f).filter((a) => a === 'rescheduleMeeting').length === 2 && activityTypes(f).includes('markMeetingNoticeMissing')
    && (result(f) as { notification?: string })?.notification === 'ON_TIME'],
  // Patched 'referral-marks-started': the referral's first step marks its row started (a local activity), then it is worked.
  ['referral-workflow-marks-started-declined.json', 'a referral marks its row started before its clock runs', (f) =>
    markers(f).join() === 'core_patch,core_local_activity' && types(f).indexOf('MARKER_RECORDED') < types(f).indexOf('TIMER_STARTED')
    && (result(f) as { status?: string })?.status === 'DECLINED'],
];

/** Recorded histories (npm run record:histories) must replay on the current workflow code without nondeterminism. */
describe('workflow replay', () => {
  const files = [...histories.keys()];
  const results = new Map<string, ReplayResult>();

  beforeAll(async () => {
    // One replay of every file; each result is kept by file name, so a history the replayer skipped shows as missing.
    const replayed = Worker.runReplayHistories(
      { workflowBundle: { codePath: BUNDLE } },
      files.map((file) => ({ workflowId: file, history: histories.get(file) })),
    );
    for await (const replay of replayed) results.set(replay.workflowId, replay);
  });

  it('replayed every history file, each without a nondeterminism error', () => {
    // Histories are never deleted (README, Tests), so the count only grows: 26 were on file after issue 18's meetings.
    expect(files.length).toBeGreaterThanOrEqual(26);
    const failed = [...results.values()].filter((r) => r.error).map((r) => `${r.workflowId}: ${String(r.error)}`);
    expect(failed).toEqual([]);
    expect([...results.keys()].sort()).toEqual(files);
    expect(results.size).toBe(files.length);
  });

  it.each(BRANCHES)('holds %s, which takes the branch "%s"', (file, _branch, takes) => {
    expect(files).toContain(file);
    expect(takes(file)).toBe(true);
    expect(results.get(file)?.error).toBeUndefined();
  });

  it.each(files)('replays %s', (file) => {
    expect(results.has(file)).toBe(true);
    expect(results.get(file)?.error).toBeUndefined();
  });
});
