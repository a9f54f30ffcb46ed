import { clockApiUrl, clockHttp, eventually, login, uniqueWord, withDb } from '../support/http';
import { notificationsSince } from '../support/notifications';

/**
 * Issue 17: a reopened hit's escalation clock starts again inside its workflow. On the clock pair (event hits escalate
 * after 2 s there, test/support/stack.ts CLOCK_TEST_ENV), whose worker runs these hits' workflows.
 */
const EVENT_MS = 2_000;

describe('reopening a hit restarts its escalation clock (the clock pair)', () => {
  let testStart: string;
  let ice: string; let fbi: string; let coordinator: string;

  beforeAll(async () => {
    [ice, fbi, coordinator] = await Promise.all(['ice.agent', 'fbi.agent', 'coordinator'].map((u) => login(u)));
    await clockApiUrl();
  }, 120_000);
  beforeEach(() => { testStart = new Date(Date.now() - 1000).toISOString(); });

  async function activeCase(token: string, items: Record<string, unknown>) {
    const created = await clockHttp('POST', '/cases', { token, body: { title: `Clock case ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', ...items } });
    expect(created.status).toBe(201);
    await eventually(() => clockHttp('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body as { id: string };
  }
  const hitState = async (id: string) => (await clockHttp('GET', `/deconfliction/hits/${id}`, { token: coordinator })).body;

  it('escalates, is resolved, is reopened with a reason, and escalates again on a fresh clock', async () => {
    const op = { operations: [{ type: 'SEARCH_WARRANT', latitude: 20 + Math.random(), longitude: 20 + Math.random(), radiusMeters: 300,
      startsAt: '2033-03-01T10:00:00Z', endsAt: '2033-03-01T12:00:00Z' }] };
    await activeCase(ice, op);
    const second = await activeCase(fbi, op);
    const [hit] = (await clockHttp('GET', `/cases/${second.id}/hits`, { token: fbi })).body.items;
    await eventually(() => hitState(hit.id), (h) => h.status === 'ESCALATED', 20_000);
    const path = `/deconfliction/hits/${hit.id}`;
    expect((await clockHttp('POST', `${path}/resolve`, { token: coordinator, body: { resolution: 'PROCEED_INDEPENDENTLY', note: 'windows apart' } })).status).toBe(200);

    const reopened = await clockHttp('POST', `${path}/reopen`, { token: coordinator, body: { reason: 'the warrant was moved up a day' } });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'OPEN', escalatedAt: null, reopenReason: 'the warrant was moved up a day' });
    expect(Date.parse(reopened.body.escalatesAt) - Date.parse(reopened.body.reopenedAt)).toBe(EVENT_MS);

    const again = await eventually(() => hitState(hit.id), (h) => h.status === 'ESCALATED', 20_000);
    expect(Date.parse(again.escalatedAt) - Date.parse(again.reopenedAt)).toBeGreaterThanOrEqual(EVENT_MS);
    const escalations = (await notificationsSince(coordinator, testStart)).filter((n) => n.kind === 'hit.escalated' && n.entityId === hit.id);
    expect(escalations).toHaveLength(2);
    const actions = await withDb(async (db) => (await db.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action <> 'hit.read_other_agency' ORDER BY seq`, [hit.id])).rows.map((r: any) => r.action));
    expect(actions).toEqual(['hit.created', 'hit.escalated', 'hit.resolved', 'hit.reopened', 'hit.escalated']);

    // And it resolves again, once more announced.
    expect((await clockHttp('POST', `${path}/resolve`, { token: coordinator, body: { resolution: 'NO_CONFLICT', note: 'cancelled warrant' } })).status).toBe(200);
    expect((await hitState(hit.id)).status).toBe('RESOLVED');
  }, 90_000);
});
