import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One file per run (two runs in one checkout must not share it): global setup names it after its process and passes
 * the name on to the test processes through the environment.
 */
export const STACK_FILE = process.env.TEST_STACK_FILE ?? path.resolve(__dirname, '..', `.stack-${process.pid}.json`);

export interface StackInfo {
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  temporalCli: string;
  root: string;
  env: Record<string, string>;
}

/** Second-scale clocks and a fixed secret: tests shorten deadlines through configuration only. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-000',
  TEMPORAL_TASK_QUEUE: 'case-coordination-test',
  WORKFLOW_START_RELAY_AFTER: '1s',
  UPDATE_WAIT: '20s',
  LOG_LEVEL: 'warn',
  HIT_ESCALATION_AFTER: '3s',
  EVENT_HIT_ESCALATION_AFTER: '2s',
  REFERRAL_ACK_DUE_AFTER: '3s',
  MEETING_REPORT_DUE_AFTER: '3s',
  TRACE_URGENT_DUE_AFTER: '2s',
  TRACE_ROUTINE_DUE_AFTER: '60s',
  MEETING_NOTICE_LEAD_TIME: '2s',
};

export function readStack(): StackInfo {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackInfo;
}
