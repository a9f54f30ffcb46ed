import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One file per run (two runs in one checkout must not share it): global setup names it after its process and passes
 * the name on to the test processes through the environment.
 */
export const STACK_FILE = process.env.TEST_STACK_FILE ?? path.resolve(__dirname, '..', `.stack-${process.pid}.json`);

export interface StackInfo {
  /** The shared API: long clocks, so tests that are not about clocks never race one. */
  apiUrl: string;
  /**
   * The clock API (its own worker and task queue, same PostgreSQL and Temporal) with CLOCK_TEST_ENV's second-scale
   * clocks. Absent from stacks that start no clock pair (the fault suite's).
   */
  clockApiUrl?: string;
  /** The superuser's URL, for tests' assertions and tampering; the API and worker get `appDatabaseUrl` (env.DATABASE_URL). */
  databaseUrl: string;
  appDatabaseUrl: string;
  temporalAddress: string;
  temporalCli: string;
  root: string;
  env: Record<string, string>;
  /** The clock pair's environment (env with CLOCK_TEST_ENV over it). */
  clockEnv?: Record<string, string>;
}

/**
 * A fixed secret and second-scale clocks: tests shorten deadlines through configuration only. Global setup puts
 * LONG_CLOCKS over these clocks for the shared pair and CLOCK_TEST_ENV for the clock pair.
 */
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
  // The shared stack keeps account protection on, with room for the suites' bursts (matrix, fuzzing, concurrency
  // tests: well under 300 writes per user in 10 s). Suites hold tokens from beforeAll for their whole run, so the
  // idle timeout here is longer than any run; the second-scale limits are tested on an API process of their own
  // (test/integration/account-protection.spec.ts, ACCOUNT_TEST_ENV).
  // The shared stack's demo leadership and admin sign in with a password alone, as the suites and journeys expect;
  // the default (ADMIN, LEADERSHIP must have a second factor) is tested on an API process of its own
  // (test/integration/identity-mfa.spec.ts). A factor a user enrolled is asked for here too.
  MFA_REQUIRED_ROLES: 'none',
  WRITE_RATE_LIMIT: '300',
  WRITE_RATE_WINDOW: '10s',
  SESSION_IDLE_TIMEOUT: '30m',
  // Per source address: the suites log in and probe without tokens from 127.0.0.1 all run long; the small limits are
  // tested on the account-protection process. Anonymous refusals join the audit as one row per address every 2 s.
  LOGIN_RATE_LIMIT: '10000',
  LOGIN_RATE_WINDOW: '1m',
  ANON_RATE_LIMIT: '100000',
  ANON_RATE_WINDOW: '1m',
  ANON_AUDIT_WINDOW: '2s',
  // Notification streams re-read their session every second (security-edge-streams.spec.ts ends sessions under them).
  STREAM_SESSION_CHECK_EVERY: '1s',
  // Deconfliction checks: the suites (matrix, fuzzing, the fault suite) check far more values per user than an agent;
  // the budget's 429 and the pattern alert are tested on an API process of their own (deconfliction-checks.spec.ts).
  CHECK_BUDGET_PER_HOUR: '1000000',
  CHECK_BUDGET_PER_DAY: '1000000',
};

/**
 * The shared API and worker: clocks no test outlives, so a test that is not about clocks cannot see an escalation, an
 * acknowledgement or report falling due, or a notice going missing, however slow the machine. The relay waits past the
 * API's 3 s start deadline, so it never races a start the clock API is still making (it would put that workflow on the
 * shared task queue, on long clocks).
 */
export const LONG_CLOCKS: Record<string, string> = {
  HIT_ESCALATION_AFTER: '1h',
  EVENT_HIT_ESCALATION_AFTER: '1h',
  REFERRAL_ACK_DUE_AFTER: '1h',
  MEETING_REPORT_DUE_AFTER: '1h',
  TRACE_URGENT_DUE_AFTER: '1h',
  TRACE_ROUTINE_DUE_AFTER: '1h',
  MEETING_NOTICE_LEAD_TIME: '1h',
  WORKFLOW_START_RELAY_AFTER: '5s',
};

/**
 * The clock pair (API + worker) that global setup starts beside the shared one, for the tests about clocks
 * (test/integration/clocks.spec.ts, meetings.spec.ts). Its own task queue, so the workflows its API starts run on its
 * worker with these durations (referral, meeting and trace clocks are read by both processes, hit clocks by the
 * worker). The event clock is far shorter than the subject clock so a test can tell them apart. Its relay never runs
 * (1h): only the shared worker relays starts, so no shared workflow lands on this queue.
 */
export const CLOCK_TEST_ENV: Record<string, string> = {
  TEMPORAL_TASK_QUEUE: 'case-coordination-test-clocks',
  HIT_ESCALATION_AFTER: '20s',
  EVENT_HIT_ESCALATION_AFTER: '2s',
  REFERRAL_ACK_DUE_AFTER: '3s',
  MEETING_REPORT_DUE_AFTER: '3s',
  TRACE_URGENT_DUE_AFTER: '2s',
  TRACE_ROUTINE_DUE_AFTER: '60s',
  MEETING_NOTICE_LEAD_TIME: '2s',
  WORKFLOW_START_RELAY_AFTER: '1h',
};

/** Small check budget and pattern threshold for the API process deconfliction-checks.spec.ts starts. */
export const CHECK_TEST_ENV: Record<string, string> = {
  CHECK_BUDGET_PER_HOUR: '4',
  CHECK_BUDGET_PER_DAY: '6',
  CHECK_PATTERN_THRESHOLD: '3',
  CHECK_PATTERN_WINDOW: '1h',
};

/** Second-scale account protection for the API process that account-protection.spec.ts starts beside the shared one. */
export const ACCOUNT_TEST_ENV: Record<string, string> = {
  SESSION_IDLE_TIMEOUT: '3s',
  LOGIN_LOCKOUT: '3s',
  WRITE_RATE_LIMIT: '5',
  WRITE_RATE_WINDOW: '1m',
  LOGIN_RATE_LIMIT: '25',
  LOGIN_RATE_WINDOW: '1m',
  ANON_RATE_LIMIT: '20',
  ANON_RATE_WINDOW: '1m',
};

/**
 * The API process security-edge-streams.spec.ts starts beside the shared one: tokens that expire within seconds, a
 * small stream cap, and a trusted proxy on loopback (HSTS only for requests a trusted proxy says came over TLS).
 */
export const EDGE_TEST_ENV: Record<string, string> = {
  TOKEN_TTL: '6s',
  STREAM_SESSION_CHECK_EVERY: '500ms',
  STREAMS_PER_USER: '2',
  TRUST_PROXY: '127.0.0.1',
};

export function readStack(): StackInfo {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackInfo;
}
