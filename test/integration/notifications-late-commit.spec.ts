import { Client as PgClient } from 'pg';
import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { openStream, StreamEvent } from '../support/sse';
import { readStack } from '../support/stack';

/**
 * README, "Notifications": a notification whose transaction took a lower id but commits after a higher one was read
 * (a check's and a hit's transactions, say) reaches a client that resumes on a NEW connection with Last-Event-ID, or
 * polls on with the `lastId` cursor, exactly once. Two connections commit two rows in the other order, as push() does.
 */
describe('notifications committed out of id order, across resumes', () => {
  const KIND = 'test.late_commit';
  const word = uniqueWord();
  let token: string;
  let userId: string;
  beforeAll(async () => {
    token = await login('atf.agent');
    userId = await withDb(async (db) => (await db.query("SELECT id FROM users WHERE username = 'atf.agent'")).rows[0].id as string);
  });

  const insert = async (db: PgClient, name: string) => (await db.query(
    `INSERT INTO notifications (user_id, kind, entity_type, entity_id, payload, dedup_key)
     VALUES ($1::uuid, $2, 'user', $3, '{}', $3) RETURNING id::text AS id`, [userId, KIND, `${word}:${name}`],
  )).rows[0].id as string;
  const announce = (db: PgClient) => db.query(`SELECT pg_notify('casecoord_notifications', $1)`, [userId]);
  const commitOne = async (name: string) => withDb(async (db) => {
    const id = await insert(db, name);
    await announce(db);
    return id;
  });
  /** This test's rows among whatever else reaches the user, by name. */
  const mine = (items: { kind: string; entityId: string }[]) => items
    .filter((n) => n.kind === KIND && n.entityId.startsWith(`${word}:`)).map((n) => n.entityId.slice(word.length + 1));
  const streamed = (events: StreamEvent[]) => mine(events.filter((e) => e.data?.kind !== undefined).map((e) => e.data));
  const poll = async (since: string) => {
    const page = await http('GET', `/notifications?since=${encodeURIComponent(since)}&limit=500`, { token });
    expect(page.status).toBe(200);
    return { names: mine(page.body.items), lastId: page.body.lastId as string };
  };

  it('gives the late row to a resumed stream and to the next poll, once, and the earlier row to neither again', async () => {
    const start = (await poll(new Date().toISOString())).lastId;
    const first = await openStream(token);
    const [early, late] = [new PgClient({ connectionString: readStack().databaseUrl }), new PgClient({ connectionString: readStack().databaseUrl })];
    await Promise.all([early.connect(), late.connect()]);
    let resumeFrom: string | undefined;
    let beforeCommit: { names: string[]; lastId: string };
    try {
      await early.query('BEGIN');
      const lower = await insert(early, 'lower');
      await late.query('BEGIN');
      const higher = await insert(late, 'higher');
      await announce(late);
      await late.query('COMMIT');
      expect(BigInt(lower)).toBeLessThan(BigInt(higher));

      // The higher row is read while the lower one's transaction is still open: by the stream and by a poll.
      await first.until((events) => streamed(events).includes('higher'));
      resumeFrom = first.lastEventId();
      first.close();
      beforeCommit = await poll(start);
      expect(beforeCommit.names).toEqual(['higher']);

      await announce(early);
      await early.query('COMMIT');
    } finally {
      first.close();
      await Promise.all([early.end(), late.end()]);
    }

    // Polling on from the page's lastId: the late row, once; then nothing of these two.
    const afterCommit = await poll(beforeCommit.lastId);
    expect(afterCommit.names).toEqual(['lower']);
    expect((await poll(afterCommit.lastId)).names).toEqual([]);

    // A new connection resuming with the Last-Event-ID the first stream last sent: the late row, and not the higher
    // one again; a marker committed afterwards shows nothing else (no second copy) came before it.
    // (The test stack allows two streams per user: the first one's slot is released once its close is seen.)
    const resumed = await eventually(() => openStream(token, '', resumeFrom).catch((error: Error) => error), (s) => !(s instanceof Error));
    if (resumed instanceof Error) throw resumed;
    try {
      await resumed.until((events) => streamed(events).includes('lower'));
      await commitOne('marker');
      await resumed.until((events) => streamed(events).includes('marker'));
      expect(streamed(resumed.events)).toEqual(['lower', 'marker']);
    } finally {
      resumed.close();
    }
  });
});
