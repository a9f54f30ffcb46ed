import { parseDuration } from '../config/duration';

/**
 * How watch-desk alerts leave the system. Read from the environment by the worker (deliveries) and the API (nothing
 * but validation at start); the test stack shortens the retry clock so a failed first attempt is retried in
 * milliseconds, and the bench points SMTP_URL at its own server.
 */
export interface WatchDeskConfig {
  /** e.g. smtp://127.0.0.1:2525; absent: e-mail contacts are logged as FAILED ("no mail server configured"). */
  smtpUrl: string | null;
  mailFrom: string;
  /** One delivery attempt (one SMTP session or one POST) may take this long. */
  attemptTimeoutMs: number;
  retryInitialMs: number;
  retryMaxIntervalMs: number;
  /** Attempts per contact and event, the first included; after the last one the log keeps the final FAILED row. */
  maxAttempts: number;
}

function duration(env: NodeJS.ProcessEnv, name: string, fallback: string): number {
  const ms = parseDuration(env[name] || fallback);
  if (ms <= 0) throw new Error(`${name} must be a positive duration, got "${env[name]}"`);
  return ms;
}

export function loadWatchDeskConfig(env: NodeJS.ProcessEnv = process.env): WatchDeskConfig {
  const attempts = Number(env.WATCH_DESK_MAX_ATTEMPTS || '10');
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new Error(`WATCH_DESK_MAX_ATTEMPTS must be a positive integer, got "${env.WATCH_DESK_MAX_ATTEMPTS}"`);
  }
  return {
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.WATCH_DESK_MAIL_FROM || 'watch-desk@casecoord.invalid',
    attemptTimeoutMs: duration(env, 'WATCH_DESK_ATTEMPT_TIMEOUT', '10s'),
    retryInitialMs: duration(env, 'WATCH_DESK_RETRY_INITIAL', '2s'),
    retryMaxIntervalMs: duration(env, 'WATCH_DESK_RETRY_MAX_INTERVAL', '5m'),
    maxAttempts: attempts,
  };
}
