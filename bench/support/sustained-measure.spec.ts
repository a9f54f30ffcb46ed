import { trendOf } from './sustained-measure';
import { lastStepAt, shapeLine } from './sustained-shape';

/** The backlog verdict decides which rate the bench reports: it is checked on steps worked by hand. */
describe('trendOf', () => {
  const step = (ms: (number | null)[]) => ms.map((v, i) => ({ dueMs: i * 100, ms: v }));
  it.each([
    // Flat around 300 ms: noise, not a backlog.
    { ms: [300, 320, 290, 310, 305, 330, 280, 300], growing: false, first: 300, last: 280 },
    // A last quarter 250 ms slower than a fast first one is the threshold, not past it.
    { ms: [100, 100, 200, 200, 250, 250, 350, 350], growing: false, first: 100, last: 350 },
    { ms: [100, 100, 200, 200, 250, 250, 351, 351], growing: true, first: 100, last: 351 },
    // From 1 s to 2 s: 50% of the first quarter is the larger margin (500 ms), and it is passed.
    { ms: [1000, 1000, 1200, 1400, 1600, 1800, 2000, 2000], growing: true, first: 1000, last: 2000 },
    // A case never ACTIVE counts as the missing value (60 s): it cannot hide a backlog.
    { ms: [300, 300, 300, 300, 300, 300, null, null], growing: true, first: 300, last: 60_000 },
  ])('$ms', ({ ms, growing, first, last }) => {
    const trend = trendOf(step(ms), 60_000);
    expect(trend).toEqual({ firstMs: first, lastMs: last, growing });
  });

  it('orders by due time, not by the order latencies were collected in', () => {
    const timed = [{ dueMs: 700, ms: 5000 }, { dueMs: 0, ms: 100 }, { dueMs: 600, ms: 5000 }, { dueMs: 100, ms: 100 }];
    expect(trendOf(timed, 60_000)).toEqual({ firstMs: 100, lastMs: 5000, growing: true });
  });
});

describe('shapeLine', () => {
  it('writes steps in order, children with their own shape, and whether the workflow stays open', () => {
    expect(shapeLine({
      completes: false,
      steps: [{ kind: 'local' }, { kind: 'child', shape: { completes: false, steps: [{ kind: 'timer', ms: 1000 }] } },
        { kind: 'activity' }, { kind: 'child', shape: { completes: true, steps: [] } }],
    })).toBe('L C(T ...) A C() ...');
  });
});

describe('lastStepAt', () => {
  const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
  it('is the time of the last step recorded, not of a later notice or task', () => {
    // Other kinds of event than lastStepAt reads, as a history holds them.
    const history = [
      { eventTime: at(1000), workflowExecutionStartedEventAttributes: {} },
      { eventTime: at(1010), markerRecordedEventAttributes: { markerName: 'core_patch' } },
      { eventTime: at(1020), markerRecordedEventAttributes: { markerName: 'core_local_activity' } },
      { eventTime: at(1030), startChildWorkflowExecutionInitiatedEventAttributes: { workflowId: 'c' } },
      { eventTime: at(1250), markerRecordedEventAttributes: { markerName: 'core_local_activity' } },
      { eventTime: at(1300), childWorkflowExecutionStartedEventAttributes: {} },
      { eventTime: at(1310), workflowTaskCompletedEventAttributes: {} },
    ];
    expect(lastStepAt(history)).toBe(1250);
  });

  it('counts a completed activity and a fired timer, and is null with no step', () => {
    expect(lastStepAt([{ eventTime: at(5000), activityTaskCompletedEventAttributes: {} }])).toBe(5000);
    expect(lastStepAt([{ eventTime: at(7000), timerFiredEventAttributes: {} }])).toBe(7000);
    expect(lastStepAt([{ eventTime: at(9000), markerRecordedEventAttributes: { markerName: 'core_patch' } }])).toBeNull();
  });
});
