import { readFileSync } from 'node:fs';
import path from 'node:path';

export const STACK_FILE = path.resolve(__dirname, '..', '.stack.json');

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
};

export function readStack(): StackInfo {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackInfo;
}
