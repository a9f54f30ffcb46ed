import { randomUUID } from 'node:crypto';
import { clockApiUrl, clockHttp, countRows, eventually, login, uniqueWord, withDb, withTemporal } from '../support/http';
import { farDay, inMs, LEAD_MS, sleepUntil } from '../support/meeting-times';

/**
 * Issue 18 on meetings: the case a meeting concerns, its attendees, cancel and reschedule, and the Spanish compliance
 * CSV. On the clock pair (MEETING_NOTICE_LEAD_TIME=2s, MEETING_REPORT_DUE_AFTER=3s), so the clocks a cancel must stop
 * and a reschedule must re-arm really run here.
 */
const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  title: `Meeting ${uniqueWord()}`, counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'EXECUTIVE',
  scheduledAt: new Date(farDay() + 15 * 3_600_000).toISOString(), ...overrides,
});

describe('meetings that fit the cases (issue 18)', () => {
  let sac: string; let iceAgent: string; let atf: string; let spp: string; let leadership: string; let pgr: string;

  beforeAll(async () => {
    [sac, iceAgent, atf, spp, leadership, pgr] = await Promise.all(
      ['ice.sac', 'ice.agent', 'atf.agent', 'spp.team', 'leadership', 'pgr.liaison'].map((u) => login(u)));
    await clockApiUrl();
  }, 120_000);

  const post = (token: string, path: string, body: unknown = {}, headers: Record<string, string> = {}) => clockHttp('POST', path, { token, body, headers });
  const get = async (token: string, id: string) => (await clockHttp('GET', `/meetings/${id}`, { token })).body;
  async function create(token: string, overrides: Record<string, unknown> = {}) {
    const response = await post(token, '/meetings', meetingBody(overrides));
    expect(response.status).toBe(201);
    return response.body as { id: string; workflowId: string; notificationDueAt?: string };
  }
  const newCase = async (token: string) => {
    const response = await post(token, '/cases', { title: `Meeting case ${uniqueWord()}`, category: 'OTHER' });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const auditActions = (entityId: string): Promise<string[]> => withDb(async (db) => (await db.query(
    'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId])).rows.map((r) => r.action));
  const history = (workflowId: string) => withTemporal(async (client) => (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []);
  const activitiesIn = (events: Awaited<ReturnType<typeof history>>) =>
    events.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
  // The audit log is checked per record: case workflows of earlier tests append to it at any moment.
  const TABLES = ['meetings', 'idempotency_keys'];

  it('names the case it concerns: own or shared with the organizer agency; any other case is the same 400 as none', async () => {
    const own = await newCase(iceAgent);
    const shared = await newCase(atf);
    expect((await post(atf, `/cases/${shared}/shares`, { agency: 'ICE', reason: 'joint meeting' })).status).toBeLessThan(300);
    const hidden = await newCase(atf);

    const aboutOwn = await create(sac, { caseId: own });
    const shown = await get(sac, aboutOwn.id);
    expect({ caseId: shown.caseId, status: shown.status }).toEqual({ caseId: own, status: 'SCHEDULED' });
    const aboutShared = await create(iceAgent, { caseId: shared });
    expect((await get(iceAgent, aboutShared.id)).caseId).toBe(shared);
    const listed = await clockHttp('GET', `/meetings?caseId=${own}`, { token: iceAgent });
    expect(listed.body.items.map((m: any) => m.id)).toEqual([aboutOwn.id]);
    expect((await clockHttp('GET', `/meetings?caseId=${own}`, { token: pgr })).body.items).toEqual([]);

    const before = await Promise.all(TABLES.map(countRows));
    const refused = await post(sac, '/meetings', meetingBody({ caseId: hidden }), { 'idempotency-key': randomUUID() });
    const missing = await post(sac, '/meetings', meetingBody({ caseId: randomUUID() }), { 'accept-language': 'es' });
    expect([refused.status, missing.status]).toEqual([400, 400]);
    expect(refused.body.errors).toEqual([{ field: 'caseId', message: 'is not a case your agency may read' }]);
    expect(missing.body.errors).toEqual([{ field: 'caseId', message: 'no es un caso que su agencia pueda consultar' }]);
    expect(await Promise.all(TABLES.map(countRows))).toEqual(before);
    // The refusal of an existing case is audited (access.denied) like any refusal; the answer is the same as for none.
    expect((await auditActions(hidden)).filter((a) => a === 'access.denied')).toEqual(['access.denied']);
    expect(refused.body.detail).toBe('caseId: is not a case your agency may read');
    expect((await post(sac, '/meetings', meetingBody({ caseId: 'not-a-uuid' }))).body.errors[0].field).toBe('caseId');
  });

  it('lists attendees and their agencies (counterparts included); more are added later; unknown agencies are 400', async () => {
    const created = await create(sac, { attendees: [{ name: 'Ana Ruiz', agency: 'pgr' }, { name: 'Tom Reid', agency: 'ICE' }] });
    expect((await get(spp, created.id)).attendees).toEqual([{ name: 'Ana Ruiz', agency: 'PGR' }, { name: 'Tom Reid', agency: 'ICE' }]);
    const added = await post(iceAgent, `/meetings/${created.id}/attendees`, { attendees: [{ name: 'Luc Martin', agency: 'RCMP' }] });
    expect(added.status).toBe(201);
    expect(added.body.attendees.map((a: any) => a.agency)).toEqual(['PGR', 'ICE', 'RCMP']);
    expect((await post(pgr, `/meetings/${created.id}/attendees`, { attendees: [{ name: 'x', agency: 'PGR' }] })).status).toBe(404);

    const before = await Promise.all(TABLES.map(countRows));
    const bad = await post(sac, '/meetings', meetingBody({ attendees: [{ name: 'A', agency: 'PGR' }, { name: 'B', agency: 'NOWHERE' }] }), { 'accept-language': 'es' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'attendees[1].agency', message: 'no es una agencia conocida' }]);
    const noName = await post(sac, `/meetings/${created.id}/attendees`, { attendees: [{ agency: 'PGR' }] });
    expect(noName.body.errors[0].field).toBe('attendees[0].name');
    expect((await post(sac, `/meetings/${created.id}/attendees`, { attendees: [] })).body.errors[0].field).toBe('attendees');
    expect(await Promise.all(TABLES.map(countRows))).toEqual(before);
    // PGR's refused attempt is audited; the bad requests wrote nothing.
    expect(await auditActions(created.id)).toEqual(['meeting.created', 'meeting.attendees_added', 'access.denied']);
  });

  it('a cancelled meeting stops its clocks (no notice or report deadline fires), is 409 afterwards, and is CANCELLED in compliance', async () => {
    const day = farDay();
    const at = (hour: number) => new Date(day + hour * 3_600_000).toISOString();
    const soon = inMs(3000);
    // A twin on the same clocks, not cancelled: the positive control that the deadlines do fire on this stack.
    const twin = await create(sac, { scheduledAt: soon, deliverables: ['REPATRIATION'] });
    const doomed = await create(sac, { scheduledAt: soon, deliverables: ['REPATRIATION'] });
    for (const m of [twin, doomed]) expect((await post(spp, `/meetings/${m.id}/report-request`)).body.report).toBe('REQUESTED');

    const cancelled = await post(sac, `/meetings/${doomed.id}/cancel`, { reason: 'Counterpart delegation withdrew' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'CANCELLED', notification: 'PENDING', report: 'REQUESTED',
      cancellation: { by: 'ice.sac', reason: 'Counterpart delegation withdrew' },
    });
    const done = await eventually(() => withTemporal((c) => c.workflow.getHandle(doomed.workflowId).describe()), (d) => d.status.name === 'COMPLETED');
    expect(done.status.name).toBe('COMPLETED');

    await eventually(() => get(sac, twin.id), (m) => m.notification === 'MISSING' && m.report === 'OVERDUE');
    await sleepUntil(new Date(Date.parse(soon) + 1000).toISOString());
    const after = await get(sac, doomed.id);
    expect({ notification: after.notification, report: after.report, status: after.status }).toEqual({ notification: 'PENDING', report: 'REQUESTED', status: 'CANCELLED' });
    const events = await history(doomed.workflowId);
    expect(activitiesIn(events)).toEqual(['confirmMeetingRecorded', 'requestMeetingReport', 'cancelMeeting']);
    expect(events.filter((e) => e.timerFiredEventAttributes)).toEqual([]);
    expect(activitiesIn(await history(twin.workflowId))).toEqual(expect.arrayContaining(['markMeetingNoticeMissing', 'markMeetingReportOverdue']));
    expect(await auditActions(doomed.id)).toEqual(['meeting.created', 'meeting.report_requested', 'meeting.cancelled']);

    const again = await post(sac, `/meetings/${doomed.id}/cancel`, { reason: 'again' }, { 'accept-language': 'es' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentStatus: 'CANCELLED' });
    expect(again.body.detail).toContain('está cancelada');
    for (const [path, body] of [['reschedule', { scheduledAt: inMs(60_000), reason: 'r' }], ['notification', {}], ['report', { body: 'r' }]] as const) {
      const refused = await post(sac, `/meetings/${doomed.id}/${path}`, body);
      expect([path, refused.status, refused.body.currentStatus]).toEqual([path, 409, 'CANCELLED']);
    }
    expect((await post(sac, `/meetings/${doomed.id}/attendees`, { attendees: [{ name: 'x', agency: 'PGR' }] })).status).toBe(409);

    // Compliance: the cancelled meeting is listed as CANCELLED (never MISSING or OVERDUE); the totals still add up.
    const onTime = await create(sac, { scheduledAt: at(9) });
    expect((await post(sac, `/meetings/${onTime.id}/notification`)).status).toBe(200);
    const offDay = await create(sac, { scheduledAt: at(10) });
    expect((await post(spp, `/meetings/${offDay.id}/cancel`, { reason: 'Holiday' })).body.status).toBe('CANCELLED');
    const report = await clockHttp('GET', `/meetings/compliance?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(23))}`, { token: leadership });
    expect(report.body.items.map((i: any) => `${i.notification}:${i.report}`)).toEqual(['ON_TIME:NOT_REQUESTED', 'CANCELLED:CANCELLED']);
    expect(report.body.totals).toEqual({
      notification: { ON_TIME: 1, LATE: 0, MISSING: 0, EXEMPT: 0, PENDING: 0, CANCELLED: 1 },
      report: { NOT_REQUESTED: 1, REQUESTED: 0, OVERDUE: 0, SUBMITTED: 0, ACCEPTED: 0, RETURNED: 0, CANCELLED: 1 },
    });
    const instant = await clockHttp('GET', `/meetings/compliance?from=${encodeURIComponent(soon)}&to=${encodeURIComponent(soon)}`, { token: leadership });
    expect(instant.body.totals.notification).toMatchObject({ MISSING: 1, CANCELLED: 1 });

    const csv = await clockHttp('GET', `/meetings/compliance?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(23))}`,
      { token: leadership, headers: { accept: 'text/csv', 'accept-language': 'es-MX,es;q=0.9' } });
    expect(csv.status).toBe(200);
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe('id,título,nivel,país contraparte,fecha programada,notificación,informe');
    expect(lines[2]).toBe(`${offDay.id},${report.body.items[1].title},EXECUTIVE,MX,${at(10)},CANCELLED,CANCELLED`);
    const english = await clockHttp('GET', `/meetings/compliance?from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(23))}`,
      { token: leadership, headers: { accept: 'text/csv' } });
    expect((english.body as string).split('\r\n')[0]).toBe('id,title,level,counterpartCountry,scheduledAt,notification,report');
  });

  it('a reschedule recomputes notificationDueAt and re-arms the clock for the new time; a MISSING notice is owed again', async () => {
    const created = await create(sac);
    const newTime = inMs(4000);
    const moved = await post(sac, `/meetings/${created.id}/reschedule`, { scheduledAt: newTime, reason: 'Moved forward' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      scheduledAt: newTime, notificationDueAt: new Date(Date.parse(newTime) - LEAD_MS).toISOString(), notification: 'PENDING', status: 'SCHEDULED',
    });
    expect(moved.body.scheduleHistory).toEqual([expect.objectContaining({ to: newTime, reason: 'Moved forward', by: 'ice.sac' })]);
    // The old time is centuries away: only the re-armed clock can make the notice MISSING now.
    const missing = await eventually(() => get(sac, created.id), (m) => m.notification === 'MISSING');
    expect(missing.notification).toBe('MISSING');

    const later = new Date(farDay()).toISOString();
    const postponed = await post(spp, `/meetings/${created.id}/reschedule`, { scheduledAt: later, reason: 'Postponed' });
    expect(postponed.body).toMatchObject({ scheduledAt: later, notificationDueAt: new Date(Date.parse(later) - LEAD_MS).toISOString(), notification: 'PENDING' });
    expect((await post(sac, `/meetings/${created.id}/notification`)).body.notification).toBe('ON_TIME');
    expect(await auditActions(created.id)).toEqual([
      'meeting.created', 'meeting.rescheduled', 'meeting.notice_missing', 'meeting.rescheduled', 'meeting.notice_recorded',
    ]);

    const exempt = await create(sac, { level: 'WORKING' });
    const exemptMoved = await post(sac, `/meetings/${exempt.id}/reschedule`, { scheduledAt: later, reason: 'r' });
    expect(exemptMoved.body).toMatchObject({ scheduledAt: later, notificationDueAt: null, notification: 'EXEMPT' });

    const held = await create(sac);
    expect((await post(sac, `/meetings/${held.id}/outcome`, { heldAt: new Date().toISOString(), summary: 'Met' })).status).toBe(201);
    const refused = await post(sac, `/meetings/${held.id}/reschedule`, { scheduledAt: later, reason: 'r' }, { 'accept-language': 'es' });
    expect(refused.status).toBe(409);
    expect(refused.body.currentStatus).toBe('HELD');
    expect(refused.body.detail).toContain('ya no puede ser reprogramada');
    expect((await post(sac, `/meetings/${held.id}/cancel`, { reason: 'r' })).body.currentStatus).toBe('HELD');
  });

  it('who may change a meeting, and bad input: bilingual 400s naming the field, nothing written', async () => {
    const created = await create(sac);
    expect((await post(pgr, `/meetings/${created.id}/cancel`, { reason: 'r' })).status).toBe(404);
    expect((await post(leadership, `/meetings/${created.id}/cancel`, { reason: 'r' })).status).toBe(403);
    expect((await post(atf, `/meetings/${created.id}/reschedule`, { scheduledAt: inMs(60_000), reason: 'r' })).status).toBe(404);
    const past = new Date(Date.now() - 60_000).toISOString();
    const cases: [string, unknown, string][] = [
      ['cancel', {}, 'reason'],
      ['cancel', { reason: '' }, 'reason'],
      ['cancel', { reason: 'r', priority: 'high' }, 'priority'],
      ['reschedule', { scheduledAt: past, reason: 'r' }, 'scheduledAt'],
      ['reschedule', { scheduledAt: '2400-01-01T10:00:00', reason: 'r' }, 'scheduledAt'],
      ['reschedule', { scheduledAt: inMs(60_000) }, 'reason'],
    ];
    const before = await Promise.all(TABLES.map(countRows));
    for (const [path, body, field] of cases) {
      const english = await post(sac, `/meetings/${created.id}/${path}`, body, { 'idempotency-key': randomUUID() });
      const spanish = await post(sac, `/meetings/${created.id}/${path}`, body, { 'accept-language': 'es' });
      expect([path, english.status, spanish.status]).toEqual([path, 400, 400]);
      expect(english.body.errors.map((e: any) => e.field)).toContain(field);
      expect(spanish.body.detail).not.toBe(english.body.detail);
      expect(spanish.body.detail).toMatch(/campo|no válido/);
    }
    expect(await Promise.all(TABLES.map(countRows))).toEqual(before);
    expect((await get(sac, created.id))).toMatchObject({ status: 'SCHEDULED', scheduleHistory: [], cancellation: null });
    expect(await auditActions(created.id)).toEqual(['meeting.created', 'access.denied', 'access.denied']);
  });
});
