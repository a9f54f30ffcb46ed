import { parseDuration } from './duration';

/**
 * Settings of the API's edge (listening address, proxies, notification streams). Kept apart from config.ts so the
 * hardening of the edge and of authentication could be written side by side; read once at start, checked like the rest.
 */
export interface EdgeConfig {
  /** Address the API binds: loopback unless the deployment says otherwise (a container needs 0.0.0.0). */
  host: string;
  /**
   * Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses, CIDRs, or proxy-addr's names such as
   * `loopback`), or false: a client could otherwise claim any source address or claim to have come over TLS.
   */
  trustProxy: string[] | false;
  /** How often an open notification stream re-reads its session, so a stream ends when its session does. */
  streamSessionCheckEveryMs: number;
  /** Open notification streams one user may hold on one API process. */
  streamsPerUser: number;
}

function text(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

export function loadEdgeConfig(): EdgeConfig {
  const checkEvery = parseDuration(text('STREAM_SESSION_CHECK_EVERY', '5s'));
  if (checkEvery < 100) throw new Error('STREAM_SESSION_CHECK_EVERY must be at least 100ms');
  const streams = Number(text('STREAMS_PER_USER', '5'));
  if (!Number.isInteger(streams) || streams < 1) throw new Error(`STREAMS_PER_USER must be a positive integer, got "${process.env.STREAMS_PER_USER}"`);
  const proxies = text('TRUST_PROXY', '').split(',').map((p) => p.trim()).filter(Boolean);
  if (proxies.some((p) => /^(true|\*|0\.0\.0\.0\/0|::\/0)$/i.test(p))) {
    throw new Error('TRUST_PROXY names the proxies to trust (addresses or CIDRs); trusting every sender would let any client forge its address');
  }
  return {
    host: text('HOST', '127.0.0.1'),
    trustProxy: proxies.length > 0 ? proxies : false,
    streamSessionCheckEveryMs: checkEvery,
    streamsPerUser: streams,
  };
}
