import type { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { ManagedProcess } from '../../libs/devstack/processes';
import { DEMO_PASSWORD, eventually, http, uniqueWord, withDb, withTemporal } from '../support/http';
import { FaultStack } from './support/fault-stack';
import { Accepted, expectConsistent, faultCases, PendingCase } from './support/invariants';
import { sendThroughBalancer, undelivered, UserStreams } from './support/multi-process';

const PAIRS = 16;
const WAVES = 4;

/** The pid prefix of the identity a TypeScript worker polls with by default (`<pid>@<host>`). */
const identityOf = (worker: ManagedProcess) => `${worker.child.pid}@`;

/** Worker identities that started a workflow or activity task in these workflows' histories. */
async function identitiesAt(client: Client, workflowIds: string[]): Promise<Set<string>> {
  const identities = new Set<string>();
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    for (const e of history.events ?? []) {
      const identity = e.workflowTaskStartedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
      if (identity) identities.add(identity);
    }
  }
  return identities;
}

describe('faults: two APIs and two workers on one PostgreSQL and one Temporal server', () => {
  let stack: FaultStack;
  let firstApi: string;
  let second: { url: string; process: ManagedProcess };
  let secondWorker: ManagedProcess;
  const streams: UserStreams[] = [];

  beforeAll(async () => {
    stack = await FaultStack.start();
    firstApi = stack.apiUrl;
    secondWorker = stack.startExtraWorker();
    second = await stack.startExtraApi();
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await stack?.stop();
  });

  // Runs first: the next test kills the second API.
  it('refuses at once on one API a session ended through the other, and a user disabled through it', async () => {
    const signIn = async (username: string) => (await http('POST', '/auth/token', { body: { username, password: DEMO_PASSWORD } })).body.accessToken as string;
    const onSecond = (token: string) => http('GET', '/cases?limit=1', { token, baseUrl: second.url });

    // Each API confirms a session once per touch interval (10 s) and then answers from memory: the second API has just
    // confirmed this one, so only the announcement of the logout can make it refuse the token within that interval.
    const token = await signIn('fbi.agent');
    expect((await onSecond(token)).status).toBe(200);
    expect((await http('POST', '/auth/logout', { token, baseUrl: firstApi })).status).toBe(204);
    await eventually(() => onSecond(token).then((r) => r.status), (status) => status === 401, 2_000);

    const admin = await signIn('admin');
    const agent = await signIn('pgr.liaison');
    expect((await onSecond(agent)).status).toBe(200);
    const agentId = await withDb(async (db) => (await db.query("SELECT id FROM users WHERE username = 'pgr.liaison'")).rows[0].id as string);
    const disable = await http('POST', `/admin/users/${agentId}/disable`, { token: admin, baseUrl: firstApi });
    expect(disable.status).toBe(200);
    try {
      await eventually(() => onSecond(agent).then((r) => r.status), (status) => status === 401, 2_000);
    } finally {
      await http('POST', `/admin/users/${agentId}/enable`, { token: admin, baseUrl: firstApi });
    }
  });

  it('raises each pair entered through both APIs at once one hit, and loses nothing when one API and one worker are killed mid-load', async () => {
    // The users concerned watch on either API: the coordinator on both, each side's agent on one.
    const [ice, coordinatorOnFirst, dea, coordinatorOnSecond] = await Promise.all([
      UserStreams.open('ice.agent', firstApi), UserStreams.open('coordinator', firstApi),
      UserStreams.open('dea.agent', second.url), UserStreams.open('coordinator', second.url),
    ]);
    streams.push(ice, coordinatorOnFirst, dea, coordinatorOnSecond);

    // Each pair shares a phone; ICE enters its side through the first API while DEA enters the other side through
    // the second at the same moment, so the two cases of a pair meet in deconfliction concurrently.
    const run = `multi-${uniqueWord()}`;
    const requests = faultCases(run, PAIRS * 2);
    const apisFor = (index: number) => (index % 2 === 0 ? { own: firstApi, other: second.url } : { own: second.url, other: firstApi });
    const sendWave = (wave: number) => {
      const perWave = requests.length / WAVES;
      const slice = requests.slice(wave * perWave, (wave + 1) * perWave);
      return Promise.all(slice.map((r: PendingCase, i) => sendThroughBalancer(r, wave * perWave + i, apisFor(wave * perWave + i))));
    };
    const accepted: (Accepted & { answeredBy: string })[] = [];
    for (let wave = 0; wave < WAVES / 2; wave += 1) accepted.push(...await sendWave(wave));
    expect(accepted.filter((a) => a.answeredBy === second.url).length).toBe(PAIRS / 2);

    // Both workers poll the one task queue before one of them dies.
    await withTemporal((client) => eventually(
      () => client.workflow.getHandle(`case-${accepted[0].id}`).describe().then(() => identitiesAt(client, accepted.map((a) => `case-${a.id}`))),
      (found) => [...found].some((id) => id.startsWith(identityOf(secondWorker))),
      30_000,
    ));

    // The third wave is in flight when the second API and the second worker are killed; the rest goes to the survivors.
    const third = sendWave(2);
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([FaultStack.kill(second.process), FaultStack.kill(secondWorker)]);
    accepted.push(...await third);
    // The streams the dead API held drop; their browsers reconnect through the balancer with their Last-Event-ID.
    await Promise.all([dea.resumeOn(firstApi), coordinatorOnSecond.resumeOn(firstApi)]);
    accepted.push(...await sendWave(3));

    // Every case ACTIVE, once, with its items, audit and workflow; each pair one hit with its hit workflow.
    await expectConsistent(run, accepted);
    const hits = await withDb(async (db) => (await db.query(
      'SELECT id FROM deconfliction_hits WHERE a_case_id = ANY($1) AND b_case_id = ANY($1)', [accepted.map((a) => a.id)],
    )).rows.map((r) => r.id as string));
    expect(hits.length).toBe(PAIRS);
    // Exactly one hit workflow per hit, and none for a hit that is not stored (visibility lags a moment).
    const hitWorkflows = await withTemporal(async (client) => eventually(async () => {
      const ids: string[] = [];
      for await (const w of client.workflow.list({ query: `WorkflowType = 'hitWorkflow'` })) ids.push(w.workflowId);
      return ids.sort();
    }, (ids) => ids.length >= PAIRS, 30_000));
    expect(hitWorkflows).toEqual(hits.map((id) => `hit-${id}`).sort());

    // Every hit announced to both agents and the coordinator, and every notification each of them has reached a
    // stream of theirs, whichever API the case came through and whichever API the stream is held by.
    const announced = await withDb(async (db) => (await db.query(
      `SELECT u.username, count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.kind = 'hit.created' AND n.entity_id = ANY($1) AND u.username = ANY($2) GROUP BY 1 ORDER BY 1`,
      [hits, ['coordinator', 'dea.agent', 'ice.agent']],
    )).rows);
    expect(announced).toEqual([
      { username: 'coordinator', n: PAIRS }, { username: 'dea.agent', n: PAIRS }, { username: 'ice.agent', n: PAIRS },
    ]);
    expect(await undelivered(streams)).toEqual([]);
    // The coordinator's stream on the surviving API, never interrupted, got every hit entered through the dead one.
    const onFirst = new Set(coordinatorOnFirst.receivedPerConnection()[0]);
    const hitNotices = await withDb(async (db) => (await db.query(
      `SELECT id::text AS id FROM notifications WHERE user_id = $1 AND kind = 'hit.created' AND entity_id = ANY($2)`,
      [coordinatorOnFirst.userId, hits],
    )).rows.map((r) => r.id as string));
    expect(hitNotices.filter((id) => !onFirst.has(id))).toEqual([]);

    // Both workers carried part of the load before the kill.
    const identities = await withTemporal((client) => identitiesAt(client, accepted.map((a) => `case-${a.id}`)));
    expect([...identities].some((id) => id.startsWith(identityOf(secondWorker)))).toBe(true);
    expect([...identities].some((id) => !id.startsWith(identityOf(secondWorker)))).toBe(true);
  });

  it('streams a notification whose transaction commits after one that took a higher id', async () => {
    // Ids are taken at insert and become visible at commit: two processes' transactions (a check's and a hit's, say)
    // commit in the other order. Two connections do it here deliberately, with the rows announced as push() does.
    const ice = await UserStreams.open('ice.agent', firstApi);
    streams.push(ice);
    const [early, late] = [new PgClient({ connectionString: stack.databaseUrl }), new PgClient({ connectionString: stack.databaseUrl })];
    await Promise.all([early.connect(), late.connect()]);
    const insert = async (db: PgClient, word: string) => (await db.query(
      `INSERT INTO notifications (user_id, kind, entity_type, entity_id, payload, dedup_key)
       VALUES ($1::uuid, 'test.commit_order', 'user', $1::text, '{}', $2) RETURNING id::text AS id`, [ice.userId, `commit-order:${word}`],
    )).rows[0].id as string;
    const announce = (db: PgClient) => db.query(`SELECT pg_notify('casecoord_notifications', $1)`, [ice.userId]);
    try {
      await early.query('BEGIN');
      const lower = await insert(early, uniqueWord());
      await late.query('BEGIN');
      const higher = await insert(late, uniqueWord());
      await announce(late);
      await late.query('COMMIT');
      await ice.connections[0].waitFor((e) => String(e.data?.id) === higher);
      await announce(early);
      await early.query('COMMIT');
      expect(BigInt(lower)).toBeLessThan(BigInt(higher));
      expect(await undelivered([ice])).toEqual([]);
      // Both on the one connection, the late one after (the first test's hits may still announce escalations meanwhile).
      expect(ice.receivedPerConnection()[0].filter((id) => id === higher || id === lower)).toEqual([higher, lower]);
    } finally {
      await Promise.all([early.end(), late.end()]);
    }
  });
});
