import { eventually, http, login, uniqueWord } from '../support/http';
import { notificationsSince } from '../support/notifications';
import { openResumableStream, ResumedEvent } from '../support/sse-resume';

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

describe('notification stream resume (README, "Notifications")', () => {
  let ice: string; let atf: string;
  beforeAll(async () => { [ice, atf] = await Promise.all(['ice.agent', 'atf.agent'].map((u) => login(u))); });

  /**
   * ICE's case holds five plates; each ATF case entering one of them raises one hit, which notifies ICE's lead agent.
   * Other specs' late workflows may notify ice.agent too: the test picks its own events out by hit id, and checks the
   * stream as a whole against the inbox (no id twice, none at or before the resume point, none missing).
   */
  const plates = Array.from({ length: 5 }, () => `${uniqueWord(4).toUpperCase()}${digits(3)}`);
  const hitIds: string[] = [];
  const activeCase = async (token: string, identifiers: { type: string; value: string }[]) => {
    const created = await http('POST', '/cases', { token, body: { title: `Resume ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', identifiers } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body.id as string;
  };
  /** The hit is written with its notifications in one transaction: once it is listed, ICE's notification exists. */
  const causeHit = async (k: number) => {
    const caseId = await activeCase(atf, [{ type: 'VEHICLE_PLATE', value: plates[k] }]);
    const hits = await eventually(() => http('GET', `/cases/${caseId}/hits`, { token: atf }), (r) => r.body.items?.length === 1);
    hitIds[k] = hits.body.items[0].id;
  };
  const mine = (events: ResumedEvent[]) => events
    .filter((e) => e.event === 'hit.created' && hitIds.includes(e.data.entityId)).map((e) => hitIds.indexOf(e.data.entityId));
  /** Notification events: the ones whose id is a notification id (the stream's own ready/heartbeat events are not). */
  const notifications = (events: ResumedEvent[]) => events.filter((e) => e.data?.entityId !== undefined);
  /** Each notification event's id is the cursor after it (README), which a new connection resumes from. */
  const ids = (events: ResumedEvent[]) => notifications(events).map((e) => {
    expect(e.id).toMatch(/^n1\./);
    return String(e.data.id);
  });
  /** Exactly the missed ones then the live one, in order; repeating nothing: every id once, all after `lastSeen`, rising. */
  const expectResumedAfter = (events: ResumedEvent[], lastSeen: string) => {
    expect(mine(events)).toEqual([2, 3, 4]);
    const got = ids(events);
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((id) => BigInt(id) <= BigInt(lastSeen))).toEqual([]);
    expect(got).toEqual([...got].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
  };

  it('resumes after Last-Event-ID (or ?since=) with exactly the missed notifications, in order, then the live ones', async () => {
    await activeCase(ice, plates.map((value) => ({ type: 'VEHICLE_PLATE', value })));
    const first = await openResumableStream(ice);
    let lastSeen: string;
    let lastCursor: string;
    try {
      await causeHit(0);
      await causeHit(1);
      await first.until((events) => mine(events).length === 2);
      expect(mine(first.events)).toEqual([0, 1]);
      // The id of the last notification received (a browser's EventSource would keep the last id of any event; see below).
      lastSeen = ids(first.events).pop() as string;
      expect(lastSeen).toMatch(/^\d+$/);
      lastCursor = notifications(first.events).pop()!.id as string;
    } finally {
      first.close();
    }

    // Missed while no stream was open.
    await causeHit(2);
    await causeHit(3);
    const resumed = await openResumableStream(ice, { lastEventId: lastCursor });
    try {
      expect(resumed.events[0]).toMatchObject({ event: 'ready', data: { lastId: lastSeen } });
      await resumed.until((events) => mine(events).length >= 2);
      expect(mine(resumed.events)).toEqual([2, 3]);
      await causeHit(4);
      await resumed.until((events) => mine(events).length >= 3);
      expectResumedAfter(resumed.events, lastSeen);
      // Missing nothing: what the inbox holds after the resume point, up to the last id streamed, is what was streamed.
      const got = ids(resumed.events);
      const last = BigInt(got[got.length - 1]);
      const inbox = (await notificationsSince(ice, lastSeen)).map((n) => String(n.id)).filter((id) => BigInt(id) <= last);
      expect(got).toEqual(inbox);
      expect(ids(first.events).filter((id) => got.includes(id))).toEqual([]);
    } finally {
      resumed.close();
    }
    // The query form, for clients that cannot set headers, with a cursor and with a plain id (as clients kept before
    // cursors); and the header wins over a stale ?since= (0 replays all).
    // The test stack allows two streams per user, so these open one at a time once the slot above is released.
    const forms = [{ query: `?since=${lastCursor}` }, { query: `?since=${lastSeen}` }, { lastEventId: lastCursor, query: '?since=0' }];
    for (const options of forms) {
      const replay = await eventually(() => openResumableStream(ice, options).catch((error: Error) => error), (s) => !(s instanceof Error));
      if (replay instanceof Error) throw replay;
      try {
        await replay.until((events) => mine(events).length >= 3);
        expectResumedAfter(replay.events, lastSeen);
      } finally {
        replay.close();
      }
    }
  });

  it('resumes a browser EventSource from the id it last saw, which may be the ready event\'s, without replaying the inbox', async () => {
    // An EventSource remembers the id of the last event that had one and sends it back as Last-Event-ID; the stream
    // replays everything after the cursor its ready event reports, so that cursor must not go back.
    const opened = await openResumableStream(ice);
    const cursor = opened.events[0].data.lastId as string;
    const remembered = opened.lastEventId();
    opened.close();
    const again = await eventually(() => openResumableStream(ice, remembered === undefined ? {} : { lastEventId: remembered })
      .catch((error: Error) => error), (s) => !(s instanceof Error));
    if (again instanceof Error) throw again;
    try {
      const ready = again.events[0];
      expect({ remembered, resumedFrom: BigInt(ready.data.lastId) >= BigInt(cursor) ? 'at or after the cursor' : ready.data.lastId })
        .toEqual({ remembered, resumedFrom: 'at or after the cursor' });
    } finally {
      again.close();
    }
  });
});
