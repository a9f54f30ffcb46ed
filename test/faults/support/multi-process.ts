import { Client as PgClient } from 'pg';
import { eventually, login, withDb } from '../../support/http';
import { EventStream, openStream } from '../../support/sse';
import { Accepted, PendingCase, postCase } from './invariants';

/** Event types a stream sends besides notifications. */
const CONTROL_EVENTS = new Set(['ready', 'heartbeat', 'session-ended']);

/**
 * A client behind a load balancer: it sends to its own API and, once that API gives no answer at all (the process is
 * gone), to the other one, with the same body and Idempotency-Key, as the balancer would route the retry. A 503 is
 * retried where it came from. `answeredBy` records which API accepted the request.
 */
export async function sendThroughBalancer(
  pending: PendingCase, index: number, apis: { own: string; other: string }, timeoutMs = 90_000,
): Promise<Accepted & { answeredBy: string }> {
  const deadline = Date.now() + timeoutMs;
  let target = apis.own;
  for (;;) {
    const response = await postCase(pending, index, target);
    if (response.status === 201) return { ...pending, id: response.body.id as string, answeredBy: target };
    if (response.status === 0) target = apis.other;
    else if (response.status !== 503) throw new Error(`case ${index}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    if (Date.now() > deadline) throw new Error(`case ${index} not accepted within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * One user's notification streams in the order they were opened: the first starts from now, each later one resumes
 * (on another API) with the Last-Event-ID the one before got, as a browser's EventSource does after a dropped stream.
 */
export class UserStreams {
  readonly connections: EventStream[] = [];
  private constructor(readonly username: string, readonly userId: string, readonly startId: string) {}

  static async open(username: string, apiUrl: string): Promise<UserStreams> {
    const userId = await withDb(async (db) => (await db.query('SELECT id FROM users WHERE username = $1', [username])).rows[0].id as string);
    const first = await openStream(await login(username), '', undefined, apiUrl);
    const ready = first.events.find((e) => e.event === 'ready');
    const streams = new UserStreams(username, userId, String(ready?.data.lastId));
    streams.connections.push(first);
    return streams;
  }

  /** Reconnects to `apiUrl` from the last event id the current connection received. */
  async resumeOn(apiUrl: string): Promise<void> {
    const last = this.connections[this.connections.length - 1];
    last.close();
    this.connections.push(await openStream(await login(this.username), '', last.lastEventId() ?? this.startId, apiUrl));
  }

  /** Notification ids each connection received, in arrival order. */
  receivedPerConnection(): string[][] {
    return this.connections.map((c) => c.events.filter((e) => !CONTROL_EVENTS.has(e.event)).map((e) => String(e.data.id)));
  }

  close(): void { for (const c of this.connections) c.close(); }
}

/** The user's notifications written since the stream started, as the table holds them. */
async function storedSince(db: PgClient, streams: UserStreams): Promise<string[]> {
  return (await db.query(
    'SELECT id::text AS id FROM notifications WHERE user_id = $1 AND id > $2 ORDER BY id', [streams.userId, streams.startId],
  )).rows.map((r) => r.id as string);
}

/**
 * What each user's streams missed: every notification stored for the user since the first stream opened must have
 * arrived on one of them, none twice on one connection, none that is not stored. Polled, since the last ones are
 * written a moment before they are delivered; a notification that never arrives stays missing and fails the test.
 */
export async function undelivered(users: UserStreams[], timeoutMs = 30_000) {
  const gaps = () => withDb(async (db) => {
    const found = [];
    for (const streams of users) found.push({ streams, stored: await storedSince(db, streams) });
    return found;
  }).then((found) => found.map(({ streams, stored }) => {
    const perConnection = streams.receivedPerConnection();
    const received = new Set(perConnection.flat());
    return {
      user: streams.username,
      missing: stored.filter((id) => !received.has(id)),
      unknown: [...received].filter((id) => !stored.includes(id)),
      repeated: perConnection.flatMap((ids) => ids.filter((id, i) => ids.indexOf(id) !== i)),
    };
  }));
  const settled = (found: Awaited<ReturnType<typeof gaps>>) => found.every((g) => g.missing.length + g.unknown.length + g.repeated.length === 0);
  return (await eventually(gaps, settled, timeoutMs)).filter((g) => !settled([g]));
}
