import type { Client } from '@temporalio/client';
import type { FloorShape, FloorStep } from '../floor/floor-shape';

/** Per workflow tree (a case's workflow and the children it started): what its histories hold. */
export interface ShapeCounts {
  workflows: number; events: number; workflowTasks: number; localActivities: number; activities: number;
  children: number; timers: number; patchMarkers: number; searchAttributeUpserts: number; otherMarkers: string[];
}

export interface CaseShape { shape: FloorShape; counts: ShapeCounts }

const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
const PATCH_MARKER = 'core_patch';

/** A protobuf Duration; its seconds are a Long (or a number), read through Number(). */
type Stamp = { seconds?: { toNumber(): number } | number | null; nanos?: number | null };
const durationMs = (d: Stamp | null | undefined): number =>
  (typeof d?.seconds === 'number' ? d.seconds : d?.seconds?.toNumber() ?? 0) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);

export const emptyCounts = (): ShapeCounts => ({
  workflows: 0, events: 0, workflowTasks: 0, localActivities: 0, activities: 0, children: 0, timers: 0,
  patchMarkers: 0, searchAttributeUpserts: 0, otherMarkers: [],
});

/**
 * Reads the shape of a workflow and, recursively, of the children it started, from their histories
 * (`fetchHistory`; payloads stay encoded, only event kinds are read). Patch markers and search-attribute upserts are
 * counted, not replayed: they are the case's own overhead the floor is measured against.
 */
export async function readShape(client: Client, workflowId: string, counts: ShapeCounts = emptyCounts()): Promise<CaseShape> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const steps: FloorStep[] = [];
  let completes = false;
  counts.workflows += 1;
  for (const event of history.events ?? []) {
    counts.events += 1;
    if (event.workflowTaskCompletedEventAttributes) counts.workflowTasks += 1;
    else if (event.markerRecordedEventAttributes) {
      const name = event.markerRecordedEventAttributes.markerName ?? '';
      if (name === LOCAL_ACTIVITY_MARKER) {
        counts.localActivities += 1;
        steps.push({ kind: 'local' });
      } else if (name === PATCH_MARKER) counts.patchMarkers += 1;
      else if (!counts.otherMarkers.includes(name)) counts.otherMarkers.push(name);
    } else if (event.activityTaskScheduledEventAttributes) {
      counts.activities += 1;
      steps.push({ kind: 'activity' });
    } else if (event.timerStartedEventAttributes) {
      counts.timers += 1;
      steps.push({ kind: 'timer', ms: durationMs(event.timerStartedEventAttributes.startToFireTimeout) });
    } else if (event.upsertWorkflowSearchAttributesEventAttributes) counts.searchAttributeUpserts += 1;
    else if (event.startChildWorkflowExecutionInitiatedEventAttributes) {
      counts.children += 1;
      const childId = event.startChildWorkflowExecutionInitiatedEventAttributes.workflowId as string;
      steps.push({ kind: 'child', shape: (await readShape(client, childId, counts)).shape });
    } else if (event.workflowExecutionCompletedEventAttributes) completes = true;
  }
  return { shape: { steps, completes }, counts };
}

/** "4 local, 0 regular activities, 1 child, 1 timer" of one shape tree, for the report and for grouping. */
export function describeCounts(c: ShapeCounts): string {
  return `${c.workflows} workflow(s), ${c.events} events, ${c.workflowTasks} workflow tasks, ${c.localActivities} local + ` +
    `${c.activities} regular activities, ${c.children} children, ${c.timers} timers, ${c.patchMarkers} patch markers, ` +
    `${c.searchAttributeUpserts} search-attribute upserts${c.otherMarkers.length ? `, other markers ${c.otherMarkers.join('/')}` : ''}`;
}

/** A shape in a line: L local activity, A activity, T timer, C(...) a child and its own shape, '...' left open. */
export function shapeLine(shape: FloorShape): string {
  const steps = shape.steps.map((s) => (s.kind === 'local' ? 'L' : s.kind === 'activity' ? 'A' : s.kind === 'timer' ? 'T' : `C(${shapeLine(s.shape)})`));
  return steps.join(' ') + (shape.completes ? '' : ' ...');
}

/** A protobuf Timestamp as epoch milliseconds. */
const timestampMs = (t: Stamp | null | undefined): number => durationMs(t);

/**
 * When a workflow's own steps were all done (epoch ms): the time of the last event that records a step (a local
 * activity's marker, an activity's completion, a fired timer, a child's start), not of what arrives later (a child's
 * started notice). For a bare case shape that is its last local activity, the mirror of the case's ACTIVE step; the
 * marker is written when the workflow task completes, a little after the case's own commit, so the bare shape is
 * never flattered. Null while no step is recorded.
 */
export async function stepsDoneAt(client: Client, workflowId: string): Promise<number | null> {
  return lastStepAt((await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []);
}

/** What lastStepAt reads of a history event (a structural subset of the proto's, so a table test can write one). */
export interface StepEvent {
  eventTime?: Stamp | null; markerRecordedEventAttributes?: { markerName?: string | null } | null;
  activityTaskCompletedEventAttributes?: unknown; timerFiredEventAttributes?: unknown;
  startChildWorkflowExecutionInitiatedEventAttributes?: unknown;
}

export function lastStepAt(events: StepEvent[]): number | null {
  let last: number | null = null;
  for (const event of events) {
    const step = (event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER)
      || event.activityTaskCompletedEventAttributes || event.timerFiredEventAttributes
      || event.startChildWorkflowExecutionInitiatedEventAttributes;
    if (step) last = timestampMs(event.eventTime);
  }
  return last;
}
