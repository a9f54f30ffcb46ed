import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { notificationsSince } from '../support/notifications';

/**
 * Issue 17: resolutions take effect (shares, notices, suppression), a resolved hit is reopened, and a hit is workable
 * as soon as it is visible. On the shared pair, whose clocks never fire (the reopened clock is in clocks-reopen.spec).
 */
describe('hit resolutions that take effect, and reopening', () => {
  let testStart: string;
  beforeEach(() => { testStart = new Date(Date.now() - 1000).toISOString(); });
  let ice: string; let atf: string; let coordinator: string;

  beforeAll(async () => {
    [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
  });

  async function activeCase(token: string, items: Record<string, unknown>) {
    const created = await http('POST', '/cases', { token, body: { title: `Case ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', ...items } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body as { id: string; caseNumber: string };
  }
  const hitsOf = async (token: string, caseId: string) => (await http('GET', `/cases/${caseId}/hits`, { token })).body.items as any[];
  /** An ICE case and an ATF case sharing one e-mail address: one hit between the two agencies. */
  async function emailPair() {
    const email = `${uniqueWord()}@example.org`;
    const iceCase = await activeCase(ice, { identifiers: [{ type: 'EMAIL', value: email }] });
    const atfCase = await activeCase(atf, { identifiers: [{ type: 'EMAIL', value: email }] });
    const [hit] = await hitsOf(atf, atfCase.id);
    expect(hit).toMatchObject({ matchType: 'EMAIL', status: 'OPEN' });
    return { email, iceCase, atfCase, hit };
  }
  const resolve = (hitId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    http('POST', `/deconfliction/hits/${hitId}/resolve`, { token: coordinator, body, headers });
  const auditActions = (entityId: string) => withDb(async (db) => (await db.query(
    'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId])).rows.map((r: any) => r.action as string));
  const kindsFor = async (token: string, kind: string, hitId: string) =>
    (await notificationsSince(token, testStart)).filter((n) => n.kind === kind && n.entityId === hitId);

  it('JOINT_INVESTIGATION shares each case with the other agency, the hit as reason, revocable by each owner', async () => {
    const { iceCase, atfCase, hit } = await emailPair();
    expect((await http('GET', `/cases/${iceCase.id}`, { token: atf })).status).toBe(404);
    expect((await http('GET', `/cases/${atfCase.id}`, { token: ice })).status).toBe(404);

    const resolved = await resolve(hit.id, { resolution: 'JOINT_INVESTIGATION', note: 'both agents agreed to work it together' });
    expect(resolved.status).toBe(200);
    const atfReads = await http('GET', `/cases/${iceCase.id}`, { token: atf });
    expect(atfReads.status).toBe(200);
    expect(atfReads.body).toMatchObject({ id: iceCase.id, access: 'SHARED' });
    expect((await http('GET', `/cases/${atfCase.id}`, { token: ice })).body).toMatchObject({ id: atfCase.id, access: 'SHARED' });
    const iceOwn = await http('GET', `/cases/${iceCase.id}`, { token: ice });
    expect(iceOwn.body.shares).toEqual([expect.objectContaining({ agency: 'ATF', reason: expect.stringContaining(hit.id), grantedBy: 'coordinator' })]);
    expect(await auditActions(iceCase.id)).toContain('case.share_granted');
    expect(await kindsFor(ice, 'hit.joint_investigation', hit.id)).toHaveLength(1);

    expect((await http('DELETE', `/cases/${iceCase.id}/shares/ATF`, { token: ice })).status).toBe(204);
    expect((await http('GET', `/cases/${iceCase.id}`, { token: atf })).status).toBe(404);
    expect((await http('GET', `/cases/${atfCase.id}`, { token: ice })).status).toBe(200);
  });

  it('DEFER records the deferring case and tells only its agent; bad deferrals are 400 in both languages', async () => {
    const { iceCase, atfCase, hit } = await emailPair();
    const stranger = await resolve(hit.id, { resolution: 'DEFER', note: 'n', deferringCaseId: '00000000-0000-4000-8000-000000000000' });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors.map((e: any) => e.field)).toEqual(['deferringCaseId']);
    const wrongKind = await resolve(hit.id, { resolution: 'NO_CONFLICT', note: 'n', deferringCaseId: atfCase.id }, { 'accept-language': 'es' });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.detail).toContain('solo se indica con la resolución DEFER');
    expect((await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator })).body.status).toBe('OPEN');

    const resolved = await resolve(hit.id, { resolution: 'DEFER', note: 'ATF stands down until ICE executes', deferringCaseId: atfCase.id });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ resolution: 'DEFER', deferringCaseId: atfCase.id });
    const told = await kindsFor(atf, 'hit.deferred', hit.id);
    expect(told).toHaveLength(1);
    expect(told[0].payload).toMatchObject({ caseId: atfCase.id, note: 'ATF stands down until ICE executes', defersTo: { agency: 'ICE', caseNumber: iceCase.caseNumber } });
    expect(await kindsFor(ice, 'hit.deferred', hit.id)).toEqual([]);
    // Both still hear of the resolution itself, as before.
    expect(await kindsFor(ice, 'hit.resolved', hit.id)).toHaveLength(1);
  });

  it('PROCEED_INDEPENDENTLY tells both agents, with the coordination note', async () => {
    const { hit } = await emailPair();
    const note = `deconflicted by phone ${uniqueWord()}: surveillance windows kept apart`;
    expect((await resolve(hit.id, { resolution: 'PROCEED_INDEPENDENTLY', note })).status).toBe(200);
    for (const token of [ice, atf]) {
      const told = await kindsFor(token, 'hit.proceed_independently', hit.id);
      expect(told).toHaveLength(1);
      expect(told[0].payload.note).toBe(note);
    }
  });

  it('NO_CONFLICT suppresses the same pair of values until the hit is reopened', async () => {
    const { email, atfCase, hit } = await emailPair();
    expect((await resolve(hit.id, { resolution: 'NO_CONFLICT', note: 'shared webmail of a hotel' })).status).toBe(200);
    const live = await http('GET', '/deconfliction/suppressions?limit=200', { token: coordinator });
    expect(live.status).toBe(200);
    expect(live.body.items.find((s: any) => s.hitId === hit.id)).toMatchObject({ matchType: 'EMAIL', note: 'shared webmail of a hotel', liftedAt: null });
    expect(await auditActions(hit.id)).toContain('hit.suppression_created');

    // The same value entered again (a new item, written another way) raises nothing.
    const again = await http('POST', `/cases/${atfCase.id}/identifiers`, { token: atf, body: { identifiers: [{ type: 'EMAIL', value: email.toUpperCase() }] } });
    expect(again.status).toBeLessThan(300);
    expect((await hitsOf(atf, atfCase.id)).map((h) => h.id)).toEqual([hit.id]);

    const reopened = await http('POST', `/deconfliction/hits/${hit.id}/reopen`, { token: coordinator, body: { reason: 'the hotel turned out to be a front' } });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'OPEN', resolution: null, reopenedBy: 'coordinator', reopenReason: 'the hotel turned out to be a front' });
    const lifted = await http('GET', '/deconfliction/suppressions?scope=all&limit=200', { token: coordinator });
    expect(lifted.body.items.find((s: any) => s.hitId === hit.id)).toMatchObject({ liftedBy: 'coordinator', liftReason: 'the hotel turned out to be a front' });
    expect((await http('GET', '/deconfliction/suppressions?limit=200', { token: coordinator })).body.items.some((s: any) => s.hitId === hit.id)).toBe(false);
    expect(await auditActions(hit.id)).toEqual(expect.arrayContaining(['hit.reopened', 'hit.suppression_lifted']));

    await http('POST', `/cases/${atfCase.id}/identifiers`, { token: atf, body: { identifiers: [{ type: 'EMAIL', value: email }] } });
    const after = await eventually(() => hitsOf(atf, atfCase.id), (items) => items.length === 2);
    expect(after).toHaveLength(2);
  });

  it('refuses reopening what is not resolved (409), without a reason (400, Spanish too), or by a case agent (403)', async () => {
    const { hit } = await emailPair();
    const path = `/deconfliction/hits/${hit.id}/reopen`;
    const open = await http('POST', path, { token: coordinator, body: { reason: 'r' } });
    expect(open.status).toBe(409);
    expect(open.body.currentStatus).toBe('OPEN');
    const noReason = await http('POST', path, { token: coordinator, body: {}, headers: { 'accept-language': 'es' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: any) => e.field)).toEqual(['reason']);
    expect(noReason.body.title).not.toBe('Bad Request');
    expect((await http('POST', path, { token: ice, body: { reason: 'r' } })).status).toBe(403);
    expect((await http('POST', '/deconfliction/hits/00000000-0000-4000-8000-000000000000/reopen', { token: coordinator, body: { reason: 'r' } })).status).toBe(404);
    expect((await http('GET', '/deconfliction/suppressions?scope=some', { token: coordinator })).status).toBe(400);
  });

  it('a hit can be resolved the moment it is first visible (no "still being registered" window), five times over', async () => {
    for (let round = 0; round < 5; round += 1) {
      const email = `${uniqueWord()}@example.net`;
      await activeCase(ice, { identifiers: [{ type: 'EMAIL', value: email }] });
      const created = await http('POST', '/cases', { token: atf, body: { title: `Race ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', identifiers: [{ type: 'EMAIL', value: email }] } });
      expect(created.status).toBe(201);
      // Polled back to back (not eventually()'s 200 ms): the first answer that lists the hit is acted on at once.
      let visible: any[] = [];
      for (let tries = 0; visible.length === 0 && tries < 3000; tries += 1) visible = await hitsOf(atf, created.body.id);
      const [hit] = visible;
      expect(hit).toBeDefined();
      const resolved = await resolve(hit.id, { resolution: 'PROCEED_INDEPENDENTLY', note: `round ${round}` });
      expect({ round, status: resolved.status, detail: resolved.body.detail }).toEqual({ round, status: 200, detail: undefined });
    }
  });
});
