import { eventually, http, login, uniqueWord, withDb } from '../support/http';

/**
 * The coordinator's map of planned operations (issue 14): every agency's operations overlapping a window, pointers and
 * places only, with the unresolved event conflicts between them; the coordinator only; the cross-agency read audited.
 */
const HOUR = 3_600_000;

describe('GET /deconfliction/operations', () => {
  let ice: string; let atf: string; let fbi: string; let coordinator: string;
  beforeAll(async () => {
    [ice, atf, fbi, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'fbi.agent', 'coordinator'].map((u) => login(u)));
  });

  async function activeCase(token: string, items: Record<string, unknown>, title = `Map ${uniqueWord()}`) {
    const created = await http('POST', '/cases', { token, body: { title, category: 'ARMS_TRAFFICKING', ...items } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body as { id: string; caseNumber: string };
  }

  it('lists the operations in the window with whom to call, and draws each open event conflict as a pair', async () => {
    const start = Date.UTC(2046, 0, 1) + Math.floor(Math.random() * 300) * 24 * HOUR;
    const at = (h: number) => new Date(start + h * HOUR).toISOString();
    const [lat, lng] = [-20 - Math.random() * 10, 120 + Math.random() * 10];
    const op = (hFrom: number, hTo: number, dLat = 0) => ({ type: 'SURVEILLANCE', latitude: lat + dLat, longitude: lng, radiusMeters: 250, startsAt: at(hFrom), endsAt: at(hTo) });
    const secret = `ATF secret ${uniqueWord()}`;
    const atfCase = await activeCase(atf, { summary: secret, operations: [op(0, 3)] }, secret);
    const iceCase = await activeCase(ice, { operations: [op(2, 5)] });
    const alone = await activeCase(fbi, { operations: [op(1, 2, 1)] });
    const outside = await activeCase(fbi, { operations: [op(30, 31, 2)] });
    const [hit] = (await http('GET', `/cases/${iceCase.id}/hits`, { token: ice })).body.items;
    expect(hit).toMatchObject({ matchType: 'EVENT' });

    // The window holds the start of ATF's operation only; ICE's (from 2 h) is drawn as its partner.
    const testStart = new Date();
    const answer = await http('GET', `/deconfliction/operations?from=${encodeURIComponent(at(-1))}&to=${encodeURIComponent(at(1.5))}`, { token: coordinator });
    expect(answer.status).toBe(200);
    const byCase = new Map(answer.body.items.map((o: any) => [o.caseNumber, o]));
    expect(byCase.has(outside.caseNumber)).toBe(false);
    expect(byCase.get(alone.caseNumber)).toMatchObject({ agency: 'FBI', hitIds: [] });
    const atfOp: any = byCase.get(atfCase.caseNumber);
    const iceOp: any = byCase.get(iceCase.caseNumber);
    expect(Object.keys(atfOp).sort()).toEqual(
      ['agency', 'agentName', 'agentPhone', 'caseNumber', 'endsAt', 'hitIds', 'id', 'latitude', 'longitude', 'radiusMeters', 'startsAt', 'type']);
    expect(atfOp).toMatchObject({ agency: 'ATF', agentName: 'Aaron T. Fields', type: 'SURVEILLANCE', radiusMeters: 250, startsAt: at(0), endsAt: at(3), hitIds: [hit.id] });
    expect(iceOp).toMatchObject({ agency: 'ICE', hitIds: [hit.id] });
    const conflict = answer.body.conflicts.find((c: any) => c.hitId === hit.id);
    expect(conflict).toMatchObject({ status: 'OPEN' });
    expect([...conflict.operationIds].sort()).toEqual([atfOp.id, iceOp.id].sort());
    expect(JSON.stringify(answer.body)).not.toContain(secret);

    // The cross-agency read is in the audit trail, naming the other agencies' operations.
    const audited = await withDb(async (db) => (await db.query(
      `SELECT details FROM audit_log WHERE action = 'operation.read_other_agency' AND actor = 'coordinator' AND at >= $1`, [testStart])).rows);
    const records = audited.flatMap((row: any) => row.details.records.map((r: any) => r.id));
    expect(records).toEqual(expect.arrayContaining([atfOp.id, (byCase.get(alone.caseNumber) as any).id]));

    // Resolved, the pair is no longer a conflict on the map.
    const resolved = await http('POST', `/deconfliction/hits/${hit.id}/resolve`, { token: coordinator, body: { resolution: 'PROCEED_INDEPENDENTLY', note: 'map test' } });
    expect(resolved.status).toBe(200);
    const after = await http('GET', `/deconfliction/operations?from=${encodeURIComponent(at(-1))}&to=${encodeURIComponent(at(1.5))}`, { token: coordinator });
    expect(after.body.conflicts.some((c: any) => c.hitId === hit.id)).toBe(false);
    expect(after.body.items.find((o: any) => o.id === atfOp.id).hitIds).toEqual([]);
  }, 120_000);

  it('is for the coordinator only, and refuses a window that ends before it starts or is not a time', async () => {
    const path = '/deconfliction/operations?from=2046-01-01T00:00:00Z&to=2046-01-02T00:00:00Z';
    expect((await http('GET', path, { token: ice })).status).toBe(403);
    expect((await http('GET', path, { token: await login('leadership') })).status).toBe(403);
    expect((await http('GET', path)).status).toBe(401);
    const backwards = await http('GET', '/deconfliction/operations?from=2046-01-02T00:00:00Z&to=2046-01-01T00:00:00Z', { token: coordinator, headers: { 'accept-language': 'es' } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((e: any) => e.field)).toEqual(['to']);
    const missing = await http('GET', '/deconfliction/operations?from=yesterday', { token: coordinator });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: any) => e.field).sort()).toEqual(['from', 'to']);
  });
});
