import { eventually, http, login, uniqueWord, withDb } from '../support/http';

/**
 * Issue 18: a case agent of the owning agency asks for a trace of any firearm of their case. The trace runs on the same
 * durable workflow as a seizure's: the firearms agency starts it and records its result through that workflow.
 */
describe('traces of case firearms requested by agents', () => {
  let ice: string; let sac: string; let atf: string; let fbi: string;
  beforeAll(async () => { [ice, sac, atf, fbi] = await Promise.all(['ice.agent', 'ice.sac', 'atf.agent', 'fbi.agent'].map((u) => login(u))); });

  async function caseWithFirearms(token: string, serials: string[]) {
    const created = await http('POST', '/cases', { token, body: {
      title: `Trace ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', firearms: serials.map((serialNumber) => ({ serialNumber })),
    } });
    expect(created.status).toBe(201);
    const detail = await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    const ids = Object.fromEntries((detail.body.firearms as { id: string; serialNumber: string }[]).map((f) => [f.serialNumber, f.id]));
    return { id: created.body.id as string, firearm: (serial: string) => ids[serial] };
  }
  const request = (token: string, caseId: string, firearmId: string, body: unknown = { priority: 'URGENT' }, headers: Record<string, string> = {}) =>
    http('POST', `/cases/${caseId}/firearms/${firearmId}/traces`, { token, body, headers });

  it('starts the trace workflow (201), refuses a second open trace (409), and allows one again once it closed', async () => {
    const [serial, second] = [`CT${uniqueWord(8).toUpperCase()}`, `CU${uniqueWord(8).toUpperCase()}`];
    const kase = await caseWithFirearms(ice, [serial, second]);
    const key = `case-trace-${uniqueWord()}`;
    const created = await request(sac, kase.id, kase.firearm(serial), { priority: 'URGENT' }, { 'idempotency-key': key });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      caseId: kase.id, seizureId: null, firearmId: kase.firearm(serial), serialNumber: serial, priority: 'URGENT', status: 'SUBMITTED',
      requestingAgency: 'ICE', tracingAgency: 'ATF', requestedBy: 'ice.sac',
    });
    const traceId = created.body.id as string;
    const replay = await request(sac, kase.id, kase.firearm(serial), { priority: 'URGENT' }, { 'idempotency-key': key });
    expect({ status: replay.status, id: replay.body.id }).toEqual({ status: 201, id: traceId });

    // Both agencies list it; the tracing agency works it through its workflow.
    for (const token of [ice, atf]) {
      const listed = await http('GET', '/traces?status=SUBMITTED&limit=200', { token });
      expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(traceId);
    }
    const started = await eventually(() => http('POST', `/traces/${traceId}/start`, { token: atf }), (r) => r.status !== 503);
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('IN_PROGRESS');
    // The start is recorded once the API (or the worker's relay) has it confirmed, which may follow the workflow's
    // first step: the trace can be IN_PROGRESS a moment before its row says so.
    const workflowStarted = await eventually(
      () => withDb(async (db) => (await db.query('SELECT workflow_started_at FROM traces WHERE id = $1', [traceId])).rows[0]),
      (row) => row.workflow_started_at !== null,
    );
    expect(workflowStarted.workflow_started_at).not.toBeNull();

    const duplicate = await request(ice, kase.id, kase.firearm(serial), { priority: 'ROUTINE' }, { 'accept-language': 'es' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.openTraceId).toBe(traceId);
    expect(duplicate.body.detail).toMatch(/ya tiene el rastreo/);
    // Another firearm of the same case is traced on its own.
    expect((await request(ice, kase.id, kase.firearm(second), { priority: 'ROUTINE' })).status).toBe(201);

    const done = await http('POST', `/traces/${traceId}/result`, { token: atf, body: { status: 'UNSUCCESSFUL', reason: 'serial not on record' } });
    expect(done.status).toBe(200);
    const retried = await request(ice, kase.id, kase.firearm(serial), { priority: 'ROUTINE' });
    expect(retried.status).toBe(201);
    expect(retried.body.id).not.toBe(traceId);

    const audit = await withDb(async (db) => (await db.query(
      `SELECT actor, action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [traceId])).rows.map((r: { actor: string; action: string }) => `${r.actor} ${r.action}`));
    expect(audit).toEqual(expect.arrayContaining(['ice.sac trace.submitted', 'atf.agent trace.in_progress', 'atf.agent trace.unsuccessful']));
  });

  it('is refused for another agency\'s case (404), a case shared with the caller (403), and a firearm of another case (404)', async () => {
    const serial = `CX${uniqueWord(8).toUpperCase()}`;
    const kase = await caseWithFirearms(ice, [serial]);
    const other = await caseWithFirearms(ice, [`CY${uniqueWord(8).toUpperCase()}`]);
    const hidden = await request(fbi, kase.id, kase.firearm(serial));
    expect(hidden.status).toBe(404);
    expect((await request(ice, other.id, kase.firearm(serial))).status).toBe(404);
    expect((await request(ice, kase.id, kase.firearm(serial), { priority: 'SOON' })).status).toBe(400);
    expect((await request(ice, kase.id, kase.firearm(serial), { priority: 'URGENT', serialNumber: serial })).status).toBe(400);

    expect((await http('POST', `/cases/${kase.id}/shares`, { token: ice, body: { agency: 'FBI', reason: 'joint work' } })).status).toBe(201);
    expect((await request(fbi, kase.id, kase.firearm(serial))).status).toBe(403);
    const traces = await withDb(async (db) => Number((await db.query('SELECT count(*)::int AS n FROM traces WHERE case_id = $1', [kase.id])).rows[0].n));
    expect(traces).toBe(0);
  });
});
