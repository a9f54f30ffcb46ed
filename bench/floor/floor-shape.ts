/**
 * What a workflow does, in the order its history records it, as far as Temporal's cost goes: local activities,
 * regular activities, child workflows (each with a shape of its own) and timers. Read from a real case's history
 * (bench/support/sustained-shape.ts) and replayed with nothing inside by the bare workflow (floor.workflow.ts).
 */
export type FloorStep =
  | { kind: 'local' }
  | { kind: 'activity' }
  | { kind: 'timer'; ms: number }
  | { kind: 'child'; shape: FloorShape };

export interface FloorShape {
  steps: FloorStep[];
  /** Whether the workflow completed; the case's and its hits' workflows stay open, waiting for people. */
  completes: boolean;
}

export interface FloorInput { shape: FloorShape; id: string }

export const FLOOR_TASK_QUEUE = 'bench-floor';
