import { ExtraApi, startExtraApi } from '../support/extra-api';
import { DEMO_PASSWORD, http, withDb } from '../support/http';
import { EDGE_TEST_ENV, readStack } from '../support/stack';

/** An SSE client that also reports when the server ends the stream, which test/support/sse.ts does not need to. */
interface RawStream {
  status: number;
  headers: Headers;
  body: string;
  events: { event: string; data: unknown }[];
  /** Resolves once the server has ended the response. */
  ended: Promise<void>;
  close: () => void;
}

async function openRaw(baseUrl: string, token: string): Promise<RawStream> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/notifications/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal,
  });
  const stream: RawStream = {
    status: response.status, headers: response.headers, body: '', events: [], ended: Promise.resolve(), close: () => abort.abort(),
  };
  if (response.status !== 200 || !response.body) {
    stream.body = await response.text();
    return stream;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => { ready = resolve; });
  stream.ended = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const fields = Object.fromEntries(buffer.slice(0, end).split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
        buffer = buffer.slice(end + 2);
        if (fields.data === undefined) continue;
        stream.events.push({ event: fields.event ?? 'message', data: JSON.parse(fields.data) });
        if (fields.event === 'ready') ready();
      }
    }
  })().catch(() => undefined);
  await Promise.race([isReady, stream.ended]);
  return stream;
}

/** The stream must end by itself within `ms`; on today's main it never does, and this rejects. */
async function endsWithin(stream: RawStream, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stream still open after ${ms} ms; events: ${stream.events.map((e) => e.event).join(', ')}`)), ms);
  });
  try { await Promise.race([stream.ended, late]); } finally { clearTimeout(timer); }
}

async function freshToken(username: string, baseUrl?: string): Promise<string> {
  const response = await http('POST', '/auth/token', { baseUrl, body: { username, password: DEMO_PASSWORD } });
  expect(response.status).toBe(200);
  return response.body.accessToken;
}
const jtiOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).jti;

describe('notification streams end with their session (shared API, sessions checked every second)', () => {
  const apiUrl = () => readStack().apiUrl;

  it('ends a stream once its session row is gone (logout, revocation), saying why', async () => {
    const token = await freshToken('fbi.agent');
    const stream = await openRaw(apiUrl(), token);
    expect(stream.status).toBe(200);
    await withDb((db) => db.query('DELETE FROM sessions WHERE jti = $1', [jtiOf(token)]));
    await endsWithin(stream, 10_000);
    expect(stream.events.at(-1)).toEqual({ event: 'session-ended', data: { reason: 'ended' } });
  });

  it('ends a stream whose session went idle, and the open stream itself never counted as activity', async () => {
    const token = await freshToken('fbi.agent');
    const stream = await openRaw(apiUrl(), token);
    const jti = jtiOf(token);
    const seen = async () => withDb(async (db) => (await db.query('SELECT last_seen_at FROM sessions WHERE jti = $1', [jti])).rows[0].last_seen_at as Date);
    await withDb((db) => db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE jti = $1`, [jti]));
    const idleSince = await seen();
    await endsWithin(stream, 10_000);
    expect(stream.events.at(-1)).toEqual({ event: 'session-ended', data: { reason: 'idle' } });
    expect(await seen()).toEqual(idleSince);
  });
});

describe('notification streams on an API with 6-second tokens and at most 2 streams per user', () => {
  let api: ExtraApi;
  beforeAll(async () => { api = await startExtraApi('api-edge', EDGE_TEST_ENV); });
  afterAll(async () => { await api?.stop(); });

  it('ends a stream when its token expires, though nothing else happens on it', async () => {
    const stream = await openRaw(api.url, await freshToken('dea.agent', api.url));
    expect(stream.status).toBe(200);
    await endsWithin(stream, 15_000);
    expect(stream.events.at(-1)).toEqual({ event: 'session-ended', data: { reason: 'expired' } });
  });

  it('refuses a third stream of one user with 429, Retry-After and a precise message, and frees the slot on close', async () => {
    const token = await freshToken('cbp.officer', api.url);
    const first = await openRaw(api.url, token);
    const second = await openRaw(api.url, await freshToken('cbp.officer', api.url));
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await openRaw(api.url, token);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(third.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(third.body).detail).toContain('2 notification streams open');
    const otherUser = await openRaw(api.url, await freshToken('dea.agent', api.url));
    expect(otherUser.status).toBe(200);
    first.close();
    const fresh = await freshToken('cbp.officer', api.url);
    let again = await openRaw(api.url, fresh);
    for (let i = 0; i < 10 && again.status === 429; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      again = await openRaw(api.url, fresh);
    }
    expect(again.status).toBe(200);
    for (const s of [second, otherUser, again]) s.close();
  });

  it('sends HSTS only when the trusted proxy says the request came over TLS', async () => {
    const viaTls = await http('GET', '/health', { baseUrl: api.url, headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const plain = await http('GET', '/health', { baseUrl: api.url });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});
