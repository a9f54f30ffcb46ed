import { randomUUID } from 'node:crypto';
import { checkLink } from '../../libs/audit/audit-chain';
import { hashPassword } from '../../libs/auth/password';
import { ExtraApi, startExtraApi } from '../support/extra-api';
import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { openStream } from '../support/sse';
import { CHECK_TEST_ENV } from '../support/stack';

/**
 * Issue 22, item 2: a check is not an oracle. The answer is pointers only, the other side hears of it, it is kept for
 * both sides to list, it is charged to a budget, and a pattern of checks on one item alerts both desks and leadership.
 * CHECK_TEST_ENV (second API process): CHECK_BUDGET_PER_HOUR=4, CHECK_BUDGET_PER_DAY=6, CHECK_PATTERN_THRESHOLD=3 per 1h.
 */
const PASSWORD = 'a-long-enough-password';
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const ANSWER_KEYS = ['counterpart', 'matchType', 'matchedValue'];
const COUNTERPART_KEYS = ['agency', 'agentName', 'agentPhone', 'caseNumber'];

async function createUser(agency: string, fullName: string): Promise<string> {
  const username = `checker.${uniqueWord()}`;
  await withDb(async (db) => db.query(
    `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, phone) VALUES ($1, $2, $3, $4, '{CASE_AGENT}', $5, '+12025550199')`,
    [randomUUID(), username, await hashPassword(PASSWORD), agency, fullName],
  ));
  return username;
}

const tokenOf = async (username: string) =>
  (await http('POST', '/auth/token', { body: { username, password: PASSWORD } })).body.accessToken as string;

const auditRows = (action: string, where: string, params: unknown[]) => withDb(async (db) => (await db.query(
  `SELECT actor, entity_id, details FROM audit_log WHERE action = $1 AND ${where} ORDER BY seq`, [action, ...params])).rows);

describe('deconfliction checks are known, kept, budgeted and watched', () => {
  let ice: string; let atf: string; let coordinator: string; let leadership: string;
  let api: ExtraApi;
  const startedAt = new Date().toISOString();

  beforeAll(async () => {
    [ice, atf, coordinator, leadership] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator', 'leadership'].map((u) => login(u)));
    api = await startExtraApi('api-checks', CHECK_TEST_ENV);
  });
  afterAll(async () => { await api?.stop(); });

  async function iceCase(items: Record<string, unknown>) {
    const created = await http('POST', '/cases', { token: ice, body: { title: `Checked ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', ...items } });
    expect(created.status).toBe(201);
    const active = await eventually(() => http('GET', `/cases/${created.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    expect(active.body.status).toBe('ACTIVE');
    return created.body as { id: string; caseNumber: string };
  }
  const notices = async (token: string, kind: string) => {
    const page = await http('GET', `/notifications?since=${encodeURIComponent(startedAt)}&limit=500`, { token });
    expect(page.status).toBe(200);
    return (page.body.items as any[]).filter((n) => n.kind === kind);
  };

  it("tells the case agent and the watch desk who checked their case's phone, pointer-only, and keeps the check for both sides", async () => {
    const [a, b] = [digits(3), digits(4)];
    const owner = await iceCase({ identifiers: [{ type: 'PHONE', value: `+1 (520) ${a}-${b}` }] });
    const checked = `520.${a}.${b}`;
    const stream = await openStream(ice);
    const check = await http('POST', '/deconfliction/checks', { token: atf, body: { identifiers: [{ type: 'PHONE', value: checked }] } });
    expect(check.status).toBe(200);
    try {
      const streamed = await stream.waitFor((e) => e.event === 'deconfliction.check_matched' && JSON.stringify(e.data).includes(owner.caseNumber));
      expect(streamed.data.payload.check.checker.agency).toBe('ATF');
    } finally {
      stream.close();
    }
    expect(check.body.matches).toHaveLength(1);
    expect(Object.keys(check.body.matches[0]).sort()).toEqual(ANSWER_KEYS);
    expect(Object.keys(check.body.matches[0].counterpart).sort()).toEqual(COUNTERPART_KEYS);
    expect(check.body.matches[0]).toEqual({
      matchType: 'PHONE', matchedValue: checked,
      counterpart: { agency: 'ICE', caseNumber: owner.caseNumber, agentName: 'Irene Castillo', agentPhone: '+12025550101' },
    });

    const expected = {
      checker: { agency: 'ATF', agentName: 'Aaron T. Fields', agentPhone: '+12025550102' },
      matches: [{ matchType: 'PHONE', agency: 'ICE', caseNumber: owner.caseNumber, lookout: false }],
    };
    const told: any[] = [];
    for (const token of [ice, coordinator]) {
      const mine = (await notices(token, 'deconfliction.check_matched'))
        .filter((n) => n.payload.check.matches.some((m: any) => m.caseNumber === owner.caseNumber));
      expect(mine).toHaveLength(1);
      expect(mine[0].payload.check).toMatchObject(expected);
      told.push(mine[0].payload.check);
      expect(Date.parse(mine[0].payload.check.checkedAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
      const text = JSON.stringify(mine[0]);
      for (const leak of [checked, `${a}${b}`, `${a}-${b}`, 'score', 'distance']) expect(text).not.toContain(leak);
    }
    // The checker is told nothing more than the answer; the case agent of a third agency nothing at all.
    for (const token of [atf, await login('fbi.agent')]) {
      expect((await notices(token, 'deconfliction.check_matched')).filter((n) => JSON.stringify(n).includes(owner.caseNumber))).toEqual([]);
    }

    const made = await http('GET', '/deconfliction/checks?direction=MADE&limit=20', { token: atf });
    expect(made.status).toBe(200);
    const record = made.body.items.find((c: any) => c.matches.some((m: any) => m.owner.caseNumber === owner.caseNumber));
    expect(record).toMatchObject({ direction: 'MADE', checker: expected.checker, counts: { identifiers: 1, subjects: 0 } });
    // The notice names the kept record and its time; the record holds no more than milliseconds, as a page's cursor does.
    for (const check of told) expect(check).toMatchObject({ id: record.id, checkedAt: record.checkedAt });
    expect(await withDb(async (db) => (await db.query(
      `SELECT checked_at = date_trunc('milliseconds', checked_at) AS whole FROM deconfliction_checks WHERE id = $1`, [record.id])).rows))
      .toEqual([{ whole: true }]);
    const received = await http('GET', '/deconfliction/checks?limit=20', { token: ice });
    expect(received.status).toBe(200);
    const theirs = received.body.items.find((c: any) => c.id === record.id);
    expect(theirs).toEqual({
      id: record.id, direction: 'RECEIVED', checkedAt: record.checkedAt, checker: expected.checker,
      matches: [{ matchType: 'PHONE', owner: { agency: 'ICE', caseNumber: owner.caseNumber, lookout: false, agentName: 'Irene Castillo', agentPhone: '+12025550101' } }],
    });
    expect(JSON.stringify(received.body)).not.toContain(checked);
    const desk = await http('GET', '/deconfliction/checks?direction=RECEIVED', { token: coordinator });
    expect(desk.body.items.map((c: any) => c.id)).toContain(record.id);
    expect((await http('GET', '/deconfliction/checks', { token: leadership })).status).toBe(200);
    expect((await http('GET', '/deconfliction/checks', { token: await login('spp.team') })).status).toBe(403);

    expect(await auditRows('deconfliction.checked', 'entity_id = $2', [record.id])).toEqual([
      expect.objectContaining({ actor: 'atf.agent', details: expect.objectContaining({ matches: [{ matchType: 'PHONE', agency: 'ICE', case: owner.id, lookout: null }] }) }),
    ]);
    const reads = await auditRows('check.read_other_agency', `actor = 'ice.agent' AND details->'records' @> $2::jsonb`,
      [JSON.stringify([{ id: record.id, agencies: ['ATF'] }])]);
    expect(reads).toHaveLength(1);
    expect(reads[0].entity_id).toBeNull();
  });

  it("tells each of another agency's owners and the desk once per check, each case once, in the order the values were checked", async () => {
    const phone = () => `+1 (520) ${digits(3)}-${digits(4)}`;
    const [a1, a2, b1, own] = [phone(), phone(), phone(), phone()];
    const caseA = await iceCase({ identifiers: [{ type: 'PHONE', value: a1 }, { type: 'PHONE', value: a2 }] });
    const caseB = await iceCase({ identifiers: [{ type: 'PHONE', value: b1 }] });
    const ours = await http('POST', '/cases', { token: atf, body: { title: `Own ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', identifiers: [{ type: 'PHONE', value: own }] } });
    expect(ours.status).toBe(201);
    await eventually(() => http('GET', `/cases/${ours.body.id}`, { token: atf }), (r) => r.body.status === 'ACTIVE');
    const checker = await tokenOf(await createUser('ATF', 'Second Checker'));
    const check = await http('POST', '/deconfliction/checks', {
      token: checker, body: { identifiers: [b1, a1, own, a2].map((value) => ({ type: 'PHONE', value })) },
    });
    expect(check.status).toBe(200);
    const met = check.body.matches.map((m: any) => m.counterpart.caseNumber as string);
    expect([...met].sort()).toEqual([caseA.caseNumber, caseA.caseNumber, caseB.caseNumber, ours.body.caseNumber].sort());
    // Of the other agency's cases, each once, first met first (b1 before a1 and a2); the checker's own agency's case is
    // in no notice.
    const foreign = [caseB.caseNumber, caseA.caseNumber];
    const pointer = (caseNumber: string) => ({ matchType: 'PHONE', agency: 'ICE', caseNumber, lookout: false });
    for (const token of [ice, coordinator]) {
      const mine = (await notices(token, 'deconfliction.check_matched'))
        .filter((n) => n.payload.check.matches.some((m: any) => m.caseNumber === caseB.caseNumber));
      expect(mine).toHaveLength(1);
      expect(mine[0].payload.check.checker).toEqual({ agency: 'ATF', agentName: 'Second Checker', agentPhone: '+12025550199' });
      expect(mine[0].payload.check.matches).toEqual(foreign.map(pointer));
    }
    expect((await notices(atf, 'deconfliction.check_matched')).filter((n) => JSON.stringify(n).includes(ours.body.caseNumber))).toEqual([]);
  });

  it('answers a planned operation and an obliterated serial with pointers only: no distance, score or matched length', async () => {
    const lat = 20 + Math.random() * 10;
    const lon = -110 + Math.random() * 10;
    const serial = `KT${digits(6)}`;
    const owner = await iceCase({
      operations: [{ type: 'UNDERCOVER', latitude: lat, longitude: lon, radiusMeters: 200, startsAt: '2033-03-01T10:00:00Z', endsAt: '2033-03-01T12:00:00Z' }],
      firearms: [{ serialNumber: serial }],
    });
    const check = await http('POST', '/deconfliction/checks', {
      token: atf,
      body: {
        operations: [{ type: 'ARREST', latitude: lat + 0.001, longitude: lon, radiusMeters: 100, startsAt: '2033-03-01T11:00:00Z', endsAt: '2033-03-01T13:00:00Z' }],
        firearms: [{ serialNumber: `??${serial.slice(2)}`, serialObliterated: true }],
      },
    });
    expect(check.status).toBe(200);
    const ours = check.body.matches.filter((m: any) => m.counterpart.caseNumber === owner.caseNumber);
    expect(ours.map((m: any) => m.matchType).sort()).toEqual(['EVENT', 'FIREARM_SERIAL']);
    for (const match of ours) {
      expect(Object.keys(match).sort()).toEqual(ANSWER_KEYS);
      expect(Object.keys(match.counterpart).sort()).toEqual(COUNTERPART_KEYS);
    }
    const text = JSON.stringify(check.body);
    for (const leak of ['score', 'distance', 'reason', 'overlap', serial, String(lat).slice(0, 7)]) expect(text).not.toContain(leak);
  });

  it('charges each user a budget of checked values, counted in PostgreSQL across API processes: 429 with Retry-After, audited once', async () => {
    const username = await createUser('ATF', `Budget ${uniqueWord()}`);
    const token = await tokenOf(username);
    const email = () => ({ type: 'EMAIL', value: `${uniqueWord()}@example.org` });
    // Two values through the shared API (high budget) count on the small-budget process too.
    expect((await http('POST', '/deconfliction/checks', { token, body: { identifiers: [email(), email()] } })).status).toBe(200);
    const on = (body: unknown, extra: Record<string, unknown> = {}) => http('POST', '/deconfliction/checks', { baseUrl: api.url, token, body, ...extra });
    expect((await on({ identifiers: [email()] })).status).toBe(200);
    expect((await on({ subjects: [{ kind: 'PERSON', fullName: `Nadie ${uniqueWord()}` }] })).status).toBe(200);

    // The refused check meets an ICE case's e-mail: refused, it tells that case's agent nothing.
    const met = email();
    const owner = await iceCase({ identifiers: [met] });
    const refused = await on({ identifiers: [met] });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toContain('at most 4 values may be checked in 1 hour(s)');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const spanish = await on({ identifiers: [email()] }, { headers: { 'accept-language': 'es' } });
    expect(spanish.status).toBe(429);
    expect(spanish.body.detail).toContain('Presupuesto de consultas agotado');

    const kept = await withDb(async (db) => (await db.query(
      'SELECT count(*)::int AS n, sum(items)::int AS items FROM deconfliction_checks c JOIN users u ON u.id = c.user_id WHERE u.username = $1',
      [username])).rows[0]);
    expect(kept).toEqual({ n: 3, items: 4 });
    expect(await auditRows('deconfliction.check_budget_exceeded', 'actor = $2', [username])).toHaveLength(1);
    for (const reader of [ice, coordinator]) {
      expect((await notices(reader, 'deconfliction.check_matched')).filter((n) => JSON.stringify(n).includes(owner.caseNumber))).toEqual([]);
    }
    // Each kept check is audited by the statement that keeps it (it met no other agency's item), a refused one not at
    // all; the entries still join the chain in order.
    const checkIds = await withDb(async (db) => (await db.query(
      'SELECT c.id FROM deconfliction_checks c JOIN users u ON u.id = c.user_id WHERE u.username = $1', [username])).rows.map((r) => r.id));
    const audited = await auditRows('deconfliction.checked', 'actor = $2', [username]);
    expect(audited.map((r) => r.entity_id).sort()).toEqual([...checkIds].sort());
    expect(audited.map((r) => r.details.matches)).toEqual([[], [], []]);
    const chain = await http('GET', '/audit/verify', { token: leadership });
    expect(chain.body).toMatchObject({ ok: true });
    // More values in one check than the hourly budget can never pass: 400, not a wait.
    const tooLarge = await on({ identifiers: Array.from({ length: 5 }, email) });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.detail).toContain('split it');
    const other = await tokenOf(await createUser('ATF', `Budget ${uniqueWord()}`));
    expect((await http('POST', '/deconfliction/checks', { baseUrl: api.url, token: other, body: { identifiers: [email()] } })).status).toBe(200);
  });

  it('lets concurrent checks of one user take the last of the budget only once', async () => {
    const token = await tokenOf(await createUser('ATF', `Burst ${uniqueWord()}`));
    const answers = await Promise.all(Array.from({ length: 7 }, () => http('POST', '/deconfliction/checks', {
      baseUrl: api.url, token, body: { identifiers: [{ type: 'EMAIL', value: `${uniqueWord()}@example.org` }] },
    })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429, 429, 429]);
  });

  it('also keeps a budget per day: values checked hours ago still count', async () => {
    const username = await createUser('ATF', `Daily ${uniqueWord()}`);
    await withDb((db) => db.query(
      `INSERT INTO deconfliction_checks (id, user_id, agency, checked_at, counts, items)
       SELECT $1, id, 'ATF', now() - interval '2 hours', '{"identifiers": 5}', 5 FROM users WHERE username = $2`,
      [randomUUID(), username],
    ));
    const token = await tokenOf(username);
    const body = { identifiers: [{ type: 'EMAIL', value: `${uniqueWord()}@example.org` }] };
    expect((await http('POST', '/deconfliction/checks', { baseUrl: api.url, token, body })).status).toBe(200);
    const refused = await http('POST', '/deconfliction/checks', { baseUrl: api.url, token, body });
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toContain('at most 6 values may be checked in 24 hour(s)');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(22 * 3600 - 60);
    expect(retryAfter).toBeLessThanOrEqual(22 * 3600);
  });

  it("alerts both watch desks and leadership once when one agency's checks keep meeting the same item", async () => {
    const [a, b] = [digits(3), digits(4)];
    const owner = await iceCase({ identifiers: [{ type: 'PHONE', value: `+1 (602) ${a}-${b}` }] });
    const [first, second] = [await createUser('ATF', `Prober ${uniqueWord()}`), await createUser('ATF', `Prober ${uniqueWord()}`)];
    const [t1, t2] = [await tokenOf(first), await tokenOf(second)];
    const probe = (token: string) => http('POST', '/deconfliction/checks', {
      baseUrl: api.url, token, body: { identifiers: [{ type: 'PHONE', value: `602${a}${b}` }] },
    });
    for (const token of [t1, t1, t2, t2, t2]) {
      const answer = await probe(token);
      expect(answer.status).toBe(200);
      expect(answer.body.matches[0].counterpart.caseNumber).toBe(owner.caseNumber);
    }
    const alertsFor = async (token: string) => (await notices(token, 'deconfliction.check_pattern_alert'))
      .filter((n) => n.payload.alert.item.caseNumber === owner.caseNumber);
    for (const token of [coordinator, leadership]) {
      const alerts = await alertsFor(token);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].payload.alert).toMatchObject({
        matchType: 'PHONE', checks: 3, checkerAgency: 'ATF', windowSeconds: 3600,
        item: { agency: 'ICE', caseNumber: owner.caseNumber, agentName: 'Irene Castillo' },
      });
      expect(alerts[0].payload.alert.checkers.map((c: any) => c.checks).sort()).toEqual([1, 2]);
      expect(JSON.stringify(alerts[0])).not.toContain(`${a}${b}`);
    }
    expect(await alertsFor(ice)).toEqual([]);
    const audited = await auditRows('deconfliction.check_pattern_alert', `details->>'case' = $2`, [owner.id]);
    expect(audited).toHaveLength(1);
    expect(audited[0].details).toMatchObject({ checkerAgency: 'ATF', ownerAgency: 'ICE', checks: 3 });
    // Raised by the third check (the second user's first): who checked, most checks first.
    expect(audited[0].details.users).toEqual([{ username: first, checks: 2 }, { username: second, checks: 1 }]);
    // Written in SQL with the check (keep_check), hashed over the payload Node's verification rebuilds from the row.
    const [link] = await withDb(async (db) => (await db.query(
      `SELECT seq, at, actor, agency, action, entity_type AS "entityType", entity_id AS "entityId", details, prev_hash AS "prevHash", hash
       FROM audit_log WHERE action = 'deconfliction.check_pattern_alert' AND details->>'case' = $1`, [owner.id])).rows);
    expect(checkLink(link, link.prevHash)).toEqual({ ok: true });
    expect(checkLink({ ...link, details: { ...link.details, checks: 4 } }, link.prevHash)).toMatchObject({ ok: false });
  });

  it('raises two alerts in the call of the check that reaches the threshold on two items, and none for a refused check', async () => {
    const phone = () => `+1 (623) ${digits(3)}-${digits(4)}`;
    const [p, q] = [phone(), phone()];
    const owner = await iceCase({ identifiers: [{ type: 'PHONE', value: p }, { type: 'PHONE', value: q }] });
    const [first, second] = [await tokenOf(await createUser('ATF', `Pair ${uniqueWord()}`)), await tokenOf(await createUser('ATF', `Pair ${uniqueWord()}`))];
    const check = (token: string) => http('POST', '/deconfliction/checks', {
      baseUrl: api.url, token, body: { identifiers: [p, q].map((value) => ({ type: 'PHONE', value })) },
    });
    const alertRows = () => withDb(async (db) => (await db.query(
      `SELECT id, item_id, checks, raised_at = date_trunc('milliseconds', raised_at) AS whole FROM deconfliction_check_alerts WHERE case_id = $1 ORDER BY item_id`,
      [owner.id])).rows);
    // Two checks of two values each spend the first user's hourly budget (4): the third would be the one to reach 3.
    expect((await check(first)).status).toBe(200);
    expect((await check(first)).status).toBe(200);
    expect((await check(first)).status).toBe(429);
    expect(await alertRows()).toEqual([]);

    const reaching = await check(second);
    expect(reaching.status).toBe(200);
    const alerts = await alertRows();
    expect(alerts).toHaveLength(2);
    expect(alerts.map((a) => [a.checks, a.whole])).toEqual([[3, true], [3, true]]);
    const entries = await withDb(async (db) => (await db.query(
      `SELECT seq, at, actor, agency, action, entity_type AS "entityType", entity_id AS "entityId", details, prev_hash AS "prevHash", hash
       FROM audit_log WHERE seq >= (SELECT seq FROM audit_log WHERE action = 'deconfliction.checked' AND details->'matches' @> $1::jsonb
                                    ORDER BY seq DESC LIMIT 1)
       ORDER BY seq LIMIT 3`, [JSON.stringify([{ case: owner.id }])])).rows);
    // The check's entry, then one per alert, one after another in the chain (one call holds its lock), each hash good.
    expect(entries.map((e) => e.action)).toEqual(['deconfliction.checked', 'deconfliction.check_pattern_alert', 'deconfliction.check_pattern_alert']);
    expect(entries.map((e) => Number(e.seq) - Number(entries[0].seq))).toEqual([0, 1, 2]);
    expect(entries.slice(1).map((e) => e.entityId).sort()).toEqual(alerts.map((a) => a.id).sort());
    for (const [i, e] of entries.entries()) {
      expect(checkLink(e, i === 0 ? e.prevHash : entries[i - 1].hash)).toEqual({ ok: true });
    }
    const told = (await notices(coordinator, 'deconfliction.check_pattern_alert')).filter((n) => n.payload.alert.item.caseNumber === owner.caseNumber);
    expect(told.map((n) => n.entityId).sort()).toEqual(alerts.map((a) => a.id).sort());
    // And the whole chain still verifies as leadership reads it.
    const verified = await http('GET', '/audit/verify', { token: leadership });
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('raises one alert when concurrent checks reach the pattern threshold together', async () => {
    const [a, b] = [digits(3), digits(4)];
    const owner = await iceCase({ identifiers: [{ type: 'PHONE', value: `+1 (480) ${a}-${b}` }] });
    const tokens = await Promise.all(Array.from({ length: 6 }, async () => tokenOf(await createUser('ATF', `Burst ${uniqueWord()}`))));
    // Each check is kept and counted on its own; those that find the threshold reached race to alert.
    const answers = await Promise.all(tokens.map((token) => http('POST', '/deconfliction/checks', {
      baseUrl: api.url, token, body: { identifiers: [{ type: 'PHONE', value: `480${a}${b}` }] },
    })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const audited = await auditRows('deconfliction.check_pattern_alert', `details->>'case' = $2`, [owner.id]);
    expect(audited).toHaveLength(1);
    expect(audited[0].details.checks).toBeGreaterThanOrEqual(3);
    const alerts = (await notices(coordinator, 'deconfliction.check_pattern_alert')).filter((n) => n.payload.alert.item.caseNumber === owner.caseNumber);
    expect(alerts).toHaveLength(1);
  });
});
