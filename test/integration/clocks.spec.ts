import { clockApiUrl, clockHttp, eventually, login, uniqueWord, withDb, withTemporal } from '../support/http';
import { notificationsSince } from '../support/notifications';

/**
 * The tests about clocks, against the clock pair (test/support/stack.ts, CLOCK_TEST_ENV: event hits escalate after 2 s,
 * subject hits after 20 s, referrals after 3 s). Every other spec runs on the shared pair, whose clocks never fire.
 * Cases are created on the clock API so their workflows (and the hits' child workflows) run on the clock worker.
 */
const EVENT_MS = 2_000;
const SUBJECT_MS = 20_000;

describe('clocks over HTTP (the clock pair)', () => {
  let testStart: string;
  beforeEach(() => { testStart = new Date(Date.now() - 1000).toISOString(); });
  let ice: string; let atf: string; let fbi: string; let coordinator: string;

  beforeAll(async () => {
    [ice, atf, fbi, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'fbi.agent', 'coordinator'].map((u) => login(u)));
    // The clock pair may still be booting (global setup does not wait for it).
    await clockApiUrl();
  }, 120_000);

  async function activeCase(token: string, items: Record<string, unknown>) {
    const created = await clockHttp('POST', '/cases', { token, body: { title: `Clock case ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', ...items } });
    expect(created.status).toBe(201);
    await eventually(() => clockHttp('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body as { id: string; caseNumber: string };
  }
  const hitsOf = async (token: string, caseId: string) => {
    const response = await clockHttp('GET', `/cases/${caseId}/hits`, { token });
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };
  const hitState = async (id: string) => (await clockHttp('GET', `/deconfliction/hits/${id}`, { token: coordinator })).body;
  const operation = () => ({
    operations: [{ type: 'ARREST', latitude: 10 + Math.random(), longitude: 10 + Math.random(), radiusMeters: 500,
      startsAt: '2032-05-01T10:00:00Z', endsAt: '2032-05-01T12:00:00Z' }],
  });
  const emailPair = async () => {
    const email = `${uniqueWord()}@example.org`;
    await activeCase(ice, { identifiers: [{ type: 'EMAIL', value: email }] });
    const second = await activeCase(atf, { identifiers: [{ type: 'EMAIL', value: email.toUpperCase() }] });
    const hits = await hitsOf(atf, second.id);
    expect(hits.map((h) => h.matchType)).toEqual(['EMAIL']);
    return hits[0];
  };

  it('escalates an unresolved event hit on its own clock, blocks closing, and is resolved once by a coordinator', async () => {
    const op = operation();
    const first = await activeCase(ice, op);
    const second = await activeCase(fbi, op);
    const [hit] = await hitsOf(fbi, second.id);

    // Well before the subject clock (20 s) could fire: only the event clock can escalate it in time.
    const escalated = await eventually(() => hitsOf(ice, first.id), (items) => items[0]?.status === 'ESCALATED', SUBJECT_MS / 2);
    expect(escalated[0].status).toBe('ESCALATED');
    const coordinatorNotes = await notificationsSince(coordinator, testStart);
    expect(coordinatorNotes.some((n: any) => n.kind === 'hit.escalated' && n.entityId === hit.id)).toBe(true);

    const blocked = await clockHttp('POST', `/cases/${first.id}/close`, { token: ice, body: { outcome: 'done' } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toContain('deconfliction hit');

    const path = `/deconfliction/hits/${hit.id}/resolve`;
    expect((await clockHttp('POST', path, { token: ice, body: { resolution: 'DEFER', note: 'n' } })).status).toBe(403);
    const bad = await clockHttp('POST', path, { token: coordinator, body: { resolution: 'MAYBE', note: 'n' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('resolution');
    const resolved = await clockHttp('POST', path, { token: coordinator, body: { resolution: 'DEFER', note: 'ICE defers to FBI; called both case agents' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ id: hit.id, status: 'RESOLVED', resolution: 'DEFER', resolvedBy: 'coordinator' });
    const again = await clockHttp('POST', path, { token: coordinator, body: { resolution: 'NO_CONFLICT', note: 'again' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentStatus: 'RESOLVED', resolution: 'DEFER' });
    expect((await hitsOf(ice, first.id))[0]).toMatchObject({ status: 'RESOLVED', resolution: 'DEFER' });

    expect((await clockHttp('POST', `/cases/${first.id}/close`, { token: ice, body: { outcome: 'done' } })).status).toBe(200);
    // Since patched('hit-reopen') (issue 17) a resolved hit's workflow stays, waiting for a reopen.
    const description = await withTemporal((client) => client.workflow.getHandle(`hit-${hit.id}`).describe());
    expect(description.status.name).toBe('RUNNING');
    const actions = await withDb(async (db) => (await db.query(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [hit.id])).rows.map((r) => r.action));
    expect(actions).toEqual(['hit.created', 'hit.escalated', 'hit.resolved']);
  });

  it('runs the event clock apart from the subject clock: an event hit escalates while an older subject hit is still OPEN', async () => {
    const subjectHit = await emailPair();
    const op = operation();
    await activeCase(ice, op);
    const eventCase = await activeCase(fbi, op);
    const [eventHit] = await hitsOf(fbi, eventCase.id);
    expect(eventHit.matchType).toBe('EVENT');

    const eventEscalated = await eventually(() => hitState(eventHit.id), (h) => h.status === 'ESCALATED', SUBJECT_MS / 2);
    const subjectMeanwhile = await hitState(subjectHit.id);
    // The subject hit is older than the event hit, so only two different clocks can escalate the event hit first.
    expect(Date.parse(subjectMeanwhile.createdAt)).toBeLessThan(Date.parse(eventEscalated.createdAt));
    expect(Date.parse(eventEscalated.escalatedAt) - Date.parse(eventEscalated.createdAt)).toBeLessThan(SUBJECT_MS);
    expect(subjectMeanwhile).toMatchObject({ status: 'OPEN', escalatedAt: null });

    // Positive control: the subject hit does escalate, on its own (longer) clock.
    const subjectEscalated = await eventually(() => hitState(subjectHit.id), (h) => h.status === 'ESCALATED', SUBJECT_MS + 20_000);
    expect(Date.parse(subjectEscalated.escalatedAt) - Date.parse(subjectEscalated.createdAt)).toBeGreaterThanOrEqual(SUBJECT_MS);
    expect(Date.parse(eventEscalated.escalatedAt) - Date.parse(eventEscalated.createdAt)).toBeGreaterThanOrEqual(EVENT_MS);
  }, SUBJECT_MS + 60_000);

  it('stops the escalation clock when a hit is resolved in time', async () => {
    const hit = await emailPair();
    const resolved = await clockHttp('POST', `/deconfliction/hits/${hit.id}/resolve`, { token: coordinator, body: { resolution: 'NO_CONFLICT', note: 'shared webmail' } });
    expect(resolved.status).toBe(200);
    // No sleep: once resolved the hit's workflow cancels its timer (it then waits for a reopen, issue 17); had its clock
    // kept running, the history would show no cancelled timer, or the escalation activity.
    const history = await eventually(() => withTemporal((c) => c.workflow.getHandle(`hit-${hit.id}`).fetchHistory()),
      (h) => (h.events ?? []).some((e) => e.timerCanceledEventAttributes));
    const activities = (history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
    expect(activities).toEqual(['resolveHit']);
    expect((history.events ?? []).some((e) => e.timerCanceledEventAttributes)).toBe(true);
    expect(await hitState(hit.id)).toMatchObject({ status: 'RESOLVED', escalatedAt: null });
  });

  it('escalates referrals nobody acknowledges in time, which then block closing, and notifies both sides', async () => {
    const owner = await activeCase(fbi, { flags: { domesticSale: true, exportSmuggling: true } });
    const referrals = async () => (await clockHttp('GET', `/cases/${owner.id}/referrals`, { token: fbi })).body.items as any[];
    const byRule = (items: any[], rule: string) => items.find((r) => r.rule === rule);
    const bothEscalated = (items: any[]) => ['R3', 'R4'].every((rule) => byRule(items, rule)?.status === 'ESCALATED');
    const escalated = await eventually(referrals, bothEscalated, 20_000);
    const r3 = byRule(escalated, 'R3');
    expect(r3.history.map((h: any) => `${h.status}:${h.actor}`)).toEqual(['SENT:system', 'ESCALATED:system']);
    const atfNotes = await notificationsSince(atf, testStart);
    expect(atfNotes.some((n: any) => n.kind === 'referral.escalated' && n.entityId === r3.id)).toBe(true);
    const senderNotes = await notificationsSince(fbi, testStart);
    expect(senderNotes.filter((n: any) => n.entityId === r3.id).map((n: any) => n.kind)).toEqual(['referral.sent', 'referral.escalated']);

    const blocked = await clockHttp('POST', `/cases/${owner.id}/close`, { token: fbi, body: { outcome: 'prosecuted' } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.blockers).toEqual(expect.arrayContaining(['referral R3 to ATF is ESCALATED', 'referral R4 to ICE is ESCALATED']));
    // An escalated referral can still be worked.
    expect((await clockHttp('POST', `/referrals/${r3.id}/acknowledge`, { token: atf })).body.status).toBe('ACKNOWLEDGED');
    const actions = await withDb(async (db) => (await db.query(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [r3.id])).rows.map((r) => r.action));
    expect(actions).toEqual(['referral.sent', 'referral.escalated', 'referral.acknowledged']);
  });
});
