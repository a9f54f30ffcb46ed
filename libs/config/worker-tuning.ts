/**
 * The worker's Temporal limits, each from the environment only when set (the SDK's defaults otherwise), so a bench
 * can measure one against the defaults (issue 20: `WORKER_MAX_CACHED_WORKFLOWS=500 npm run bench:intake`).
 */
export interface WorkerTuning {
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentLocalActivityExecutions?: number;
  maxConcurrentActivityTaskExecutions?: number;
  reuseV8Context?: boolean;
}

const SETTINGS: [env: string, option: Exclude<keyof WorkerTuning, 'reuseV8Context'>][] = [
  ['WORKER_MAX_CACHED_WORKFLOWS', 'maxCachedWorkflows'],
  ['WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', 'maxConcurrentWorkflowTaskExecutions'],
  ['WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES', 'maxConcurrentLocalActivityExecutions'],
  ['WORKER_MAX_CONCURRENT_ACTIVITIES', 'maxConcurrentActivityTaskExecutions'],
];

export function workerTuning(env: NodeJS.ProcessEnv = process.env): WorkerTuning {
  const tuning: WorkerTuning = {};
  for (const [name, option] of SETTINGS) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
    tuning[option] = value;
  }
  const reuse = env.WORKER_REUSE_V8_CONTEXT?.trim();
  if (reuse) {
    if (reuse !== 'true' && reuse !== 'false') throw new Error(`WORKER_REUSE_V8_CONTEXT must be true or false, not "${reuse}"`);
    tuning.reuseV8Context = reuse === 'true';
  }
  return tuning;
}
