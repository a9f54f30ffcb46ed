import { randomUUID } from 'node:crypto';
import { clockApiUrl, clockHttp, countRows, eventually, login, uniqueWord, withDb, withTemporal } from '../support/http';
import { farDay, inMs, LEAD_MS, sleepUntil } from '../support/meeting-times';

/**
 * Meetings are about clocks (notice lead time, report and action-item due dates) through and through: this spec runs
 * on the clock pair (test/support/stack.ts, CLOCK_TEST_ENV: MEETING_NOTICE_LEAD_TIME=2s, MEETING_REPORT_DUE_AFTER=3s).
 */
const DAY = 86_400_000;

const meetingBody = (overrides: Record<string, unknown> = {}) => ({
  title: `Bilateral meeting ${uniqueWord()}`, counterpartCountry: 'MX', counterpartAgencies: ['PGR', 'SSP'], level: 'EXECUTIVE',
  scheduledAt: new Date(farDay() + 15 * 3_600_000).toISOString(), location: 'Ciudad Juárez', ...overrides,
});

describe('meetings with foreign counterparts over HTTP', () => {
  let sac: string; let agent: string; let spp: string; let leadership: string; let pgr: string; let coordinator: string;
  const startedAt = new Date().toISOString();

  beforeAll(async () => {
    [sac, agent, spp, leadership, pgr, coordinator] = await Promise.all(
      ['ice.sac', 'ice.agent', 'spp.team', 'leadership', 'pgr.liaison', 'coordinator'].map((u) => login(u)));
    // The clock pair may still be booting (global setup does not wait for it).
    await clockApiUrl();
  }, 120_000);

  async function create(token: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const response = await clockHttp('POST', '/meetings', { token, body: meetingBody(overrides), headers });
    expect(response.status).toBe(201);
    return response.body as { id: string; notificationRequired: boolean; notificationDueAt?: string; workflowId: string; notification: string; report: string };
  }
  const get = async (token: string, id: string) => (await clockHttp('GET', `/meetings/${id}`, { token })).body;
  const post = (token: string, path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    clockHttp('POST', path, { token, body, headers });
  const notificationsFor = async (token: string, entityId: string): Promise<string[]> => {
    const response = await clockHttp('GET', `/notifications?since=${encodeURIComponent(startedAt)}&limit=500`, { token });
    expect(response.status).toBe(200);
    return response.body.items.filter((n: any) => n.entityId === entityId).map((n: any) => n.kind);
  };
  const auditActions = (entityId: string): Promise<string[]> => withDb(async (db) => (await db.query(
    'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId])).rows.map((r) => r.action));
  const describeWorkflow = (workflowId: string) => withTemporal((client) => client.workflow.getHandle(workflowId).describe());

  it('M1: an executive meeting owes a notice by scheduledAt minus the lead time; on time, it is ON_TIME; twice is 409', async () => {
    const body = meetingBody();
    const key = randomUUID();
    const created = await clockHttp('POST', '/meetings', { token: sac, body, headers: { 'idempotency-key': key } });
    expect(created.status).toBe(201);
    const { id } = created.body;
    expect(created.body).toEqual({
      id, notificationRequired: true, notificationDueAt: new Date(Date.parse(body.scheduledAt) - LEAD_MS).toISOString(),
      workflowId: `meeting-${id}`, notification: 'PENDING', report: 'NOT_REQUESTED',
    });
    const replay = await clockHttp('POST', '/meetings', { token: sac, body, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(created.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM meetings WHERE title = $1', [body.title])).rows[0].n)).toBe(1);

    const noticed = await post(sac, `/meetings/${id}/notification`);
    expect(noticed.status).toBe(200);
    expect(noticed.body).toMatchObject({ id, notification: 'ON_TIME', noticeBy: 'ice.sac', organizer: 'ice.sac', counterpartAgencies: ['PGR', 'SSP'] });
    const twice = await post(sac, `/meetings/${id}/notification`);
    expect(twice.status).toBe(409);
    expect(twice.body.currentStatus).toBe('ON_TIME');
    expect((await get(sac, id)).notification).toBe('ON_TIME');

    expect(await notificationsFor(spp, id)).toEqual(['meeting.created', 'meeting.notice_recorded']);
    expect(await notificationsFor(sac, id)).toEqual(['meeting.created', 'meeting.notice_recorded']);
    expect(await notificationsFor(agent, id)).toEqual([]);
    expect(await auditActions(id)).toEqual(['meeting.created', 'meeting.notice_recorded']);
  });

  it('M1: a notice after its due time (the meeting not yet held) is LATE', async () => {
    const created = await create(sac, { scheduledAt: inMs(4500) });
    await sleepUntil(new Date(Date.parse(created.notificationDueAt as string) + 300).toISOString());
    const noticed = await post(sac, `/meetings/${created.id}/notification`);
    expect(noticed.status).toBe(200);
    expect(noticed.body.notification).toBe('LATE');
    expect(Date.parse(noticed.body.noticeAt)).toBeGreaterThan(Date.parse(created.notificationDueAt as string));
  });

  it('M1: the meeting time passing without notice makes it MISSING; a notice afterwards is LATE', async () => {
    const created = await create(agent, { scheduledAt: inMs(2500), counterpartCountry: 'CA', counterpartAgencies: ['rcmp'] });
    const missing = await eventually(() => get(agent, created.id), (m) => m.notification === 'MISSING');
    expect(missing.notification).toBe('MISSING');
    expect(missing.counterpartAgencies).toEqual(['RCMP']);
    expect(await notificationsFor(spp, created.id)).toEqual(['meeting.created', 'meeting.notice_missing']);
    expect(await notificationsFor(agent, created.id)).toEqual(['meeting.created', 'meeting.notice_missing']);

    const late = await post(agent, `/meetings/${created.id}/notification`);
    expect(late.status).toBe(200);
    expect(late.body.notification).toBe('LATE');
    expect(Date.parse(late.body.noticeAt)).toBeGreaterThan(Date.parse(late.body.scheduledAt));
    expect((await post(agent, `/meetings/${created.id}/notification`)).status).toBe(409);
    expect(await auditActions(created.id)).toEqual(['meeting.created', 'meeting.notice_missing', 'meeting.notice_recorded']);
  });

  it('M2: a working-level contact needs no notice and is recorded as EXEMPT', async () => {
    const created = await create(sac, { level: 'WORKING', counterpartCountry: 'CA', counterpartAgencies: ['CBSA'], scheduledAt: inMs(1500) });
    expect(created).toEqual({ id: created.id, notificationRequired: false, workflowId: `meeting-${created.id}`, notification: 'EXEMPT', report: 'NOT_REQUESTED' });
    const refused = await post(sac, `/meetings/${created.id}/notification`, {}, { 'accept-language': 'es' });
    expect(refused.status).toBe(409);
    expect(refused.body.currentStatus).toBe('EXEMPT');
    expect(refused.body.detail).toContain('nivel operativo');
    // The meeting time passes: an exempt meeting never becomes MISSING.
    await sleepUntil(inMs(2500));
    const after = await get(sac, created.id);
    expect({ notification: after.notification, notificationDueAt: after.notificationDueAt }).toEqual({ notification: 'EXEMPT', notificationDueAt: null });
    expect(await auditActions(created.id)).toEqual(['meeting.created']);
  });

  it('M3: report requested -> OVERDUE -> submitted -> RETURNED -> OVERDUE again -> resubmitted -> ACCEPTED; the workflow then ends', async () => {
    const created = await create(sac, { deliverables: ['SMUGGLING_AND_TRAFFICKING', 'LAW_ENFORCEMENT_COOPERATION'] });
    const id = created.id;
    expect((await post(sac, `/meetings/${id}/notification`)).body.notification).toBe('ON_TIME');
    const outcome = await post(sac, `/meetings/${id}/outcome`, { heldAt: new Date().toISOString(), summary: 'Agreed on joint patrols.' });
    expect(outcome.status).toBe(201);
    expect(outcome.body.outcome).toMatchObject({ summary: 'Agreed on joint patrols.', recordedBy: 'ice.sac' });

    expect((await post(sac, `/meetings/${id}/report-request`)).status).toBe(403);
    const submitEarly = await post(sac, `/meetings/${id}/report`, { body: 'too early' });
    expect(submitEarly.status).toBe(409);
    expect(submitEarly.body.currentStatus).toBe('NOT_REQUESTED');
    const requested = await post(spp, `/meetings/${id}/report-request`);
    expect(requested.status).toBe(200);
    expect(requested.body.report).toBe('REQUESTED');
    expect(requested.body.reportDueAt).not.toBeNull();
    expect((await post(spp, `/meetings/${id}/report-request`)).body.currentStatus).toBe('REQUESTED');

    const overdue = await eventually(() => get(sac, id), (m) => m.report === 'OVERDUE');
    expect(overdue.report).toBe('OVERDUE');
    const reviewOverdue = await post(spp, `/meetings/${id}/report/review`, { decision: 'ACCEPT', comment: 'nothing to review' });
    expect(reviewOverdue.status).toBe(409);
    expect(reviewOverdue.body.currentStatus).toBe('OVERDUE');

    const submitted = await post(sac, `/meetings/${id}/report`, { body: 'Results: two joint operations planned.' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ report: 'SUBMITTED', reportBody: 'Results: two joint operations planned.' });
    const returned = await post(spp, `/meetings/${id}/report/review`, { decision: 'RETURN', comment: 'Name the units involved.' });
    expect(returned.status).toBe(200);
    expect(returned.body.report).toBe('RETURNED');
    expect(returned.body.reportDueAt).not.toBe(requested.body.reportDueAt);

    const overdueAgain = await eventually(() => get(sac, id), (m) => m.report === 'OVERDUE');
    expect(overdueAgain.report).toBe('OVERDUE');
    expect((await post(sac, `/meetings/${id}/report`, { body: 'Results: ICE Nogales and SSP Sonora units.' })).body.report).toBe('SUBMITTED');
    const accepted = await post(leadership, `/meetings/${id}/report/review`, { decision: 'ACCEPT', comment: 'Complete.' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.report).toBe('ACCEPTED');
    const reviewTwice = await post(spp, `/meetings/${id}/report/review`, { decision: 'RETURN', comment: 'again' });
    expect(reviewTwice.status).toBe(409);
    expect(reviewTwice.body.currentStatus).toBe('ACCEPTED');
    expect((await post(sac, `/meetings/${id}/report`, { body: 'late addition' })).status).toBe(409);

    expect(accepted.body.reportHistory.map((h: any) => `${h.action}:${h.status}:${h.actor}`)).toEqual([
      'REQUEST:REQUESTED:spp.team', 'EXPIRE:OVERDUE:system', 'SUBMIT:SUBMITTED:ice.sac', 'RETURN:RETURNED:spp.team',
      'EXPIRE:OVERDUE:system', 'SUBMIT:SUBMITTED:ice.sac', 'ACCEPT:ACCEPTED:leadership',
    ]);
    expect(accepted.body.reportHistory[3].note).toBe('Name the units involved.');
    expect(await auditActions(id)).toEqual([
      'meeting.created', 'meeting.notice_recorded', 'meeting.outcome_recorded', 'meeting.report_requested', 'meeting.report_overdue',
      'meeting.report_submitted', 'meeting.report_returned', 'meeting.report_overdue', 'meeting.report_submitted', 'meeting.report_accepted',
    ]);
    const organizerHeard = await notificationsFor(sac, id);
    expect(organizerHeard.filter((k) => k === 'meeting.report_overdue')).toHaveLength(2);
    expect(organizerHeard).toContain('meeting.report_returned');
    const completed = await eventually(() => describeWorkflow(`meeting-${id}`), (d) => d.status.name === 'COMPLETED');
    expect(completed.status.name).toBe('COMPLETED');
  });

  it('M3: a meeting touching no trilateral deliverable gets no report request (409), and nothing changes', async () => {
    const created = await create(sac, { deliverables: [] });
    const refused = await post(spp, `/meetings/${created.id}/report-request`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/none of the six trilateral deliverables/);
    expect(refused.body.currentStatus).toBe('NOT_REQUESTED');
    const spanish = await post(spp, `/meetings/${created.id}/report-request`, {}, { 'accept-language': 'es' });
    expect(spanish.body.detail).toMatch(/objetivos trilaterales/);
    const state = await withTemporal((client) => client.workflow.getHandle(created.workflowId).query('meetingState'));
    expect(state).toMatchObject({ report: 'NOT_REQUESTED', reportDueAt: null });
    expect((await get(spp, created.id)).report).toBe('NOT_REQUESTED');
    expect(await auditActions(created.id)).toEqual(['meeting.created']);
  });

  it('action items from an outcome and from a conference fall OVERDUE on their clocks and are closed with a note', async () => {
    const group = `Working group ${uniqueWord()}`;
    // Due dates must still be in the future when the outcome is replayed and sent again below (the body is validated
    // each time): 2 s lost that race under CPU load (the replay answered 400).
    const DUE_MS = 10_000;
    const created = await create(sac);
    const key = randomUUID();
    const outcomeBody = {
      heldAt: new Date().toISOString(), summary: 'Exchange of trace results agreed.',
      actionItems: [
        { description: 'Send the trace list', owner: group, dueAt: inMs(DUE_MS) },
        { description: 'Draft the protocol', owner: group, dueAt: new Date(Date.now() + 30 * DAY).toISOString() },
      ],
    };
    const outcome = await post(sac, `/meetings/${created.id}/outcome`, outcomeBody, { 'idempotency-key': key });
    expect(outcome.status).toBe(201);
    expect(outcome.body.actionItems.map((a: any) => `${a.source}:${a.owner}:${a.status}`)).toEqual([`MEETING:${group}:OPEN`, `MEETING:${group}:OPEN`]);
    const replay = await post(sac, `/meetings/${created.id}/outcome`, outcomeBody, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.actionItems.map((a: any) => a.id)).toEqual(outcome.body.actionItems.map((a: any) => a.id));
    const again = await post(sac, `/meetings/${created.id}/outcome`, { ...outcomeBody, actionItems: [] });
    expect(again.status).toBe(409);
    expect(await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM action_items WHERE owner = $1', [group])).rows[0].n)).toBe(2);

    expect((await post(agent, '/action-items', { conference: 'Bilateral arms trafficking conference', description: 'x', owner: group, dueAt: inMs(60_000) })).status).toBe(403);
    const conference = await post(spp, '/action-items', {
      conference: 'Bilateral arms trafficking conference, Mexico City', description: 'Share seizure statistics', owner: group, dueAt: inMs(DUE_MS),
    });
    expect(conference.status).toBe(201);
    expect(conference.body).toMatchObject({ status: 'OPEN', workflowId: `action-item-${conference.body.id}` });

    const overdue = await eventually(
      () => clockHttp('GET', `/action-items?owner=${encodeURIComponent(group)}&status=OVERDUE`, { token: spp }),
      (r) => r.body.items.length === 2, DUE_MS + 20_000);
    expect(overdue.body.items.map((a: any) => `${a.source}:${a.description}`).sort()).toEqual(['CONFERENCE:Share seizure statistics', 'MEETING:Send the trace list']);
    const open = await clockHttp('GET', `/action-items?owner=${encodeURIComponent(group)}&status=OPEN`, { token: spp });
    expect(open.body.items.map((a: any) => a.description)).toEqual(['Draft the protocol']);

    const conferenceItem = overdue.body.items.find((a: any) => a.source === 'CONFERENCE');
    const meetingItem = overdue.body.items.find((a: any) => a.source === 'MEETING');
    expect((await post(spp, `/action-items/${conferenceItem.id}/close`, {})).body.errors[0].field).toBe('note');
    const closed = await post(spp, `/action-items/${conferenceItem.id}/close`, { note: 'Statistics sent on 2 March.' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', closedNote: 'Statistics sent on 2 March.', closedBy: 'spp.team' });
    const closeTwice = await post(spp, `/action-items/${conferenceItem.id}/close`, { note: 'again' });
    expect(closeTwice.status).toBe(409);
    expect(closeTwice.body.currentStatus).toBe('CLOSED');
    expect((await post(sac, `/action-items/${meetingItem.id}/close`, { note: 'List sent.' })).body.status).toBe('CLOSED');
    const openItem = open.body.items[0];
    expect((await post(sac, `/action-items/${openItem.id}/close`, { note: 'Protocol drafted early.' })).body.status).toBe('CLOSED');

    const closedList = await clockHttp('GET', `/action-items?owner=${encodeURIComponent(group)}&status=CLOSED`, { token: sac });
    expect(closedList.body.items).toHaveLength(3);
    expect((await clockHttp('GET', `/action-items?owner=${encodeURIComponent(group)}`, { token: pgr })).body.items).toEqual([]);
    expect((await clockHttp('GET', `/action-items/${meetingItem.id}`, { token: pgr })).status).toBe(404);
    expect((await post(pgr, `/action-items/${meetingItem.id}/close`, { note: 'x' })).status).toBe(404);
    expect((await clockHttp('GET', '/action-items', { token: coordinator })).status).toBe(403);
    expect((await clockHttp('GET', '/action-items?status=LOST', { token: spp })).body.errors[0].field).toBe('status');

    for (const item of [conferenceItem, meetingItem, openItem]) {
      const run = await eventually(() => describeWorkflow(`action-item-${item.id}`), (d) => d.status.name === 'COMPLETED');
      expect(run.status.name).toBe('COMPLETED');
    }
    expect(await notificationsFor(sac, meetingItem.id)).toEqual(['action_item.created', 'action_item.overdue', 'action_item.closed']);
    expect(await notificationsFor(spp, conferenceItem.id)).toEqual(['action_item.created', 'action_item.overdue', 'action_item.closed']);
    expect(await notificationsFor(sac, conferenceItem.id)).toEqual([]);
    expect(await auditActions(conferenceItem.id)).toEqual(['action_item.created', 'action_item.overdue', 'action_item.closed']);
    expect((await get(sac, created.id)).actionItems.map((a: any) => a.status)).toEqual(['CLOSED', 'CLOSED']);
  });

  it('M4: compliance per meeting, totals per state (zeros included) and the same as CSV, for a chosen period', async () => {
    const day = farDay();
    const at = (hour: number) => new Date(day + hour * 3_600_000).toISOString();
    const far = new Date(Date.now() + 30 * DAY).toISOString();
    const deliverables = ['REPATRIATION'];
    const onTime = await create(sac, { scheduledAt: at(9) });
    const pending = await create(sac, { scheduledAt: at(10), counterpartCountry: 'CA', counterpartAgencies: ['RCMP'], deliverables });
    const exemptOverdue = await create(agent, { scheduledAt: at(11), level: 'WORKING', deliverables });
    const exemptSubmitted = await create(agent, { scheduledAt: at(12), level: 'WORKING', counterpartCountry: 'CA', counterpartAgencies: ['CBSA'], deliverables });
    const accepted = await create(sac, { scheduledAt: at(13), deliverables });
    const returned = await create(sac, { scheduledAt: at(14), deliverables, title: '=Border, "executive" talks' });

    expect((await post(sac, `/meetings/${onTime.id}/notification`)).body.notification).toBe('ON_TIME');
    expect((await post(sac, `/meetings/${accepted.id}/notification`)).body.notification).toBe('ON_TIME');
    expect((await post(spp, `/meetings/${pending.id}/report-request`, { dueAt: far })).body.report).toBe('REQUESTED');
    expect((await post(spp, `/meetings/${exemptOverdue.id}/report-request`)).body.report).toBe('REQUESTED');
    for (const m of [exemptSubmitted, accepted, returned]) {
      expect((await post(spp, `/meetings/${m.id}/report-request`, { dueAt: far })).status).toBe(200);
    }
    expect((await post(agent, `/meetings/${exemptSubmitted.id}/report`, { body: 'r' })).body.report).toBe('SUBMITTED');
    expect((await post(sac, `/meetings/${accepted.id}/report`, { body: 'r' })).body.report).toBe('SUBMITTED');
    expect((await post(sac, `/meetings/${returned.id}/report`, { body: 'r' })).body.report).toBe('SUBMITTED');
    expect((await post(spp, `/meetings/${accepted.id}/report/review`, { decision: 'ACCEPT', comment: 'ok' })).body.report).toBe('ACCEPTED');
    const badDue = await post(spp, `/meetings/${returned.id}/report/review`, { decision: 'ACCEPT', comment: 'ok', dueAt: far });
    expect(badDue.status).toBe(400);
    expect(badDue.body.errors[0].field).toBe('dueAt');
    expect((await post(spp, `/meetings/${returned.id}/report/review`, { decision: 'RETURN', comment: 'more', dueAt: far })).body.report).toBe('RETURNED');
    await eventually(() => get(agent, exemptOverdue.id), (m) => m.report === 'OVERDUE');

    // Three meetings at one instant a few seconds away: one notified late, two missed (one of them notified afterwards).
    const instant = inMs(4000);
    const late = await create(sac, { scheduledAt: instant });
    const missed = await create(sac, { scheduledAt: instant });
    const missedThenLate = await create(sac, { scheduledAt: instant, counterpartCountry: 'CA', counterpartAgencies: ['RCMP'] });
    await sleepUntil(new Date(Date.parse(instant) - LEAD_MS + 300).toISOString());
    expect((await post(sac, `/meetings/${late.id}/notification`)).body.notification).toBe('LATE');
    await eventually(() => get(sac, missedThenLate.id), (m) => m.notification === 'MISSING');
    await eventually(() => get(sac, missed.id), (m) => m.notification === 'MISSING');
    expect((await post(sac, `/meetings/${missedThenLate.id}/notification`)).body.notification).toBe('LATE');

    const period = `from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(23))}`;
    const report = await clockHttp('GET', `/meetings/compliance?${period}`, { token: leadership });
    expect(report.status).toBe(200);
    expect(report.body.items.map((i: any) => `${i.id}:${i.notification}:${i.report}`)).toEqual([
      `${onTime.id}:ON_TIME:NOT_REQUESTED`, `${pending.id}:PENDING:REQUESTED`, `${exemptOverdue.id}:EXEMPT:OVERDUE`,
      `${exemptSubmitted.id}:EXEMPT:SUBMITTED`, `${accepted.id}:ON_TIME:ACCEPTED`, `${returned.id}:PENDING:RETURNED`,
    ]);
    expect(report.body.items[5]).toEqual({
      id: returned.id, title: '=Border, "executive" talks', level: 'EXECUTIVE', counterpartCountry: 'MX', scheduledAt: at(14),
      notification: 'PENDING', report: 'RETURNED',
    });
    expect(report.body.totals).toEqual({
      notification: { ON_TIME: 2, LATE: 0, MISSING: 0, EXEMPT: 2, PENDING: 2, CANCELLED: 0 },
      report: { NOT_REQUESTED: 1, REQUESTED: 1, OVERDUE: 1, SUBMITTED: 1, ACCEPTED: 1, RETURNED: 1, CANCELLED: 0 },
    });

    const instantReport = await clockHttp('GET', `/meetings/compliance?from=${encodeURIComponent(instant)}&to=${encodeURIComponent(instant)}`, { token: leadership });
    expect(instantReport.body.items.map((i: any) => i.id).sort()).toEqual([late.id, missed.id, missedThenLate.id].sort());
    expect(instantReport.body.totals).toEqual({
      notification: { ON_TIME: 0, LATE: 2, MISSING: 1, EXEMPT: 0, PENDING: 0, CANCELLED: 0 },
      report: { NOT_REQUESTED: 3, REQUESTED: 0, OVERDUE: 0, SUBMITTED: 0, ACCEPTED: 0, RETURNED: 0, CANCELLED: 0 },
    });

    const csv = await clockHttp('GET', `/meetings/compliance?${period}`, { token: leadership, headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).split('\r\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe('id,title,level,counterpartCountry,scheduledAt,notification,report');
    expect(lines[7]).toBe('');
    expect(lines.slice(1, 7).map((l) => l.split(',')[0])).toEqual(report.body.items.map((i: any) => i.id));
    expect(lines[1]).toBe(`${onTime.id},${report.body.items[0].title},EXECUTIVE,MX,${at(9)},ON_TIME,NOT_REQUESTED`);
    expect(lines[6]).toBe(`${returned.id},"'=Border, ""executive"" talks",EXECUTIVE,MX,${at(14)},PENDING,RETURNED`);

    const reversed = await clockHttp('GET', `/meetings/compliance?from=${encodeURIComponent(at(23))}&to=${encodeURIComponent(at(0))}`, { token: leadership });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].field).toBe('to');
    const noOffset = await clockHttp('GET', `/meetings/compliance?from=2301-01-01T00:00:00&to=${encodeURIComponent(at(0))}`, { token: leadership });
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.errors[0].field).toBe('from');
    expect((await clockHttp('GET', `/meetings/compliance?to=${encodeURIComponent(at(0))}`, { token: leadership })).body.errors[0].field).toBe('from');
    expect((await clockHttp('GET', `/meetings/compliance?${period}`, { token: spp })).status).toBe(403);
    expect((await clockHttp('GET', `/meetings/compliance?${period}`, { token: sac })).status).toBe(403);
  });

  it('access: own agency for organizers and agents, all for the team and leadership; 404 across agencies (audited), 403 by role', async () => {
    const ice = await create(sac);
    const mexican = await create(pgr, { counterpartCountry: 'CA', counterpartAgencies: ['RCMP', 'CBSA'] });
    expect((await clockHttp('GET', `/meetings/${ice.id}`, { token: pgr })).status).toBe(404);
    expect((await post(pgr, `/meetings/${ice.id}/notification`)).status).toBe(404);
    expect((await clockHttp('GET', `/meetings/${mexican.id}`, { token: sac })).status).toBe(404);
    const denied = await withDb(async (db) => (await db.query(
      `SELECT actor FROM audit_log WHERE entity_id = $1 AND action = 'access.denied'`, [ice.id])).rows.map((r) => r.actor));
    expect(denied).toEqual(['pgr.liaison', 'pgr.liaison']);

    expect((await clockHttp('GET', `/meetings/${mexican.id}`, { token: spp })).status).toBe(200);
    expect((await clockHttp('GET', `/meetings/${mexican.id}`, { token: leadership })).status).toBe(200);
    expect(await auditActions(mexican.id)).toEqual(['meeting.created', 'access.denied', 'meeting.read_other_agency', 'meeting.read_other_agency']);
    expect((await clockHttp('GET', `/meetings/${ice.id}`, { token: agent })).body.organizer).toBe('ice.sac');

    const pgrList = await clockHttp('GET', '/meetings?limit=100', { token: pgr });
    expect(pgrList.body.items.every((m: any) => m.owningAgency === 'PGR')).toBe(true);
    expect(pgrList.body.items.map((m: any) => m.id)).toContain(mexican.id);
    const teamList = await clockHttp('GET', '/meetings?limit=2', { token: spp });
    expect(teamList.body.items.map((m: any) => m.id)).toEqual([mexican.id, ice.id]);
    expect(teamList.body.nextCursor).toEqual(expect.any(String));

    expect((await clockHttp('GET', '/meetings', { token: coordinator })).status).toBe(403);
    expect((await clockHttp('GET', `/meetings/${ice.id}`, { token: coordinator })).status).toBe(403);
    expect((await post(spp, '/meetings', meetingBody())).status).toBe(403);
    expect((await post(spp, `/meetings/${ice.id}/notification`)).status).toBe(403);
    expect((await post(agent, `/meetings/${ice.id}/report-request`)).status).toBe(403);
    expect((await post(sac, `/meetings/${ice.id}/report/review`, { decision: 'ACCEPT', comment: 'x' })).status).toBe(403);
    expect((await clockHttp('GET', '/meetings/compliance', { token: agent })).status).toBe(403);
    expect((await clockHttp('GET', '/meetings/not-a-uuid', { token: agent })).body.errors[0].field).toBe('id');
  });

  const badMeetings: [string, Record<string, unknown>, string][] = [
    ['time without offset', { scheduledAt: '2031-05-20T15:00:00' }, 'scheduledAt'],
    ['impossible date', { scheduledAt: '2031-02-30T15:00:00Z' }, 'scheduledAt'],
    ['counterpart from the US', { counterpartCountry: 'US' }, 'counterpartCountry'],
    ['unknown level', { level: 'MINISTERIAL' }, 'level'],
    ['unknown deliverable', { deliverables: ['TOURISM'] }, 'deliverables'],
    ['agency of the other country', { counterpartAgencies: ['PGR', 'RCMP'] }, 'counterpartAgencies[1]'],
    ['no counterpart agency', { counterpartAgencies: [] }, 'counterpartAgencies'],
    ['empty title', { title: '' }, 'title'],
    ['unknown field', { priority: 'high' }, 'priority'],
  ];

  it.each(badMeetings)('bad input (%s) -> 400 naming %s, nothing written', async (_label, overrides, field) => {
    const tables = ['meetings', 'action_items', 'idempotency_keys', 'audit_log'];
    const before = await Promise.all(tables.map(countRows));
    const response = await clockHttp('POST', '/meetings', { token: sac, body: meetingBody(overrides), headers: { 'idempotency-key': randomUUID() } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    expect(await Promise.all(tables.map(countRows))).toEqual(before);
  });

  it('bad step input -> 400 naming the field, nothing changed', async () => {
    const created = await create(sac, { deliverables: ['COUNTER_TERRORISM'] });
    const past = new Date(Date.now() - 60_000).toISOString();
    const cases: [string, unknown, string][] = [
      [`/meetings/${created.id}/outcome`, { heldAt: new Date().toISOString(), summary: 's', actionItems: [{ description: 'd', owner: 'o', dueAt: past }] }, 'actionItems[0].dueAt'],
      [`/meetings/${created.id}/outcome`, { heldAt: new Date(Date.now() + DAY).toISOString(), summary: 's' }, 'heldAt'],
      [`/meetings/${created.id}/outcome`, { heldAt: new Date().toISOString(), summary: 's', actionItems: [{ description: 'd', dueAt: inMs(60_000) }] }, 'actionItems[0].owner'],
      [`/meetings/${created.id}/report`, {}, 'body'],
    ];
    for (const [path, body, field] of cases) {
      const response = await post(sac, path, body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const badDue = await post(spp, `/meetings/${created.id}/report-request`, { dueAt: past });
    expect(badDue.body.errors[0].field).toBe('dueAt');
    const badDecision = await post(spp, `/meetings/${created.id}/report/review`, { decision: 'MAYBE', comment: 'x' });
    expect(badDecision.body.errors[0].field).toBe('decision');
    const after = await get(sac, created.id);
    expect({ outcome: after.outcome, report: after.report, actionItems: after.actionItems }).toEqual({ outcome: null, report: 'NOT_REQUESTED', actionItems: [] });
    expect(await auditActions(created.id)).toEqual(['meeting.created']);
  });
});
