import { randomUUID } from 'node:crypto';
import { AuditStore } from '../../libs/audit/audit-store';
import type { MeetingActor } from '../../libs/contracts/meetings';
import { createDataSource } from '../../libs/db/data-source';
import { ActionItemService } from '../../libs/meetings/action-item.service';
import { InvalidMeetingTransition, MeetingRecord, MeetingService, NewMeeting } from '../../libs/meetings/meeting.service';
import { NotificationStore } from '../../libs/notifications/notification-store';
import { withDb } from '../support/http';
import { usersWith } from './support';
import { readStack } from '../support/stack';

const HOUR = 3_600_000;

/** The meeting use cases on the stack's PostgreSQL: change, audit entry and notifications commit together, once. */
describe('MeetingService on PostgreSQL', () => {
  const dataSource = createDataSource({ url: readStack().databaseUrl, asAppRole: true, poolSize: 2, applicationName: 'meeting-service-test' });
  const notifications = new NotificationStore(dataSource);
  const audit = new AuditStore(dataSource);
  const actionItems = new ActionItemService(dataSource, notifications, audit);
  const service = new MeetingService(dataSource, notifications, audit, actionItems, 72 * HOUR);
  let organizer: MeetingActor;
  let coordination: MeetingActor;

  beforeAll(async () => {
    await dataSource.initialize();
    const users: { id: string; username: string }[] = await dataSource.query(
      `SELECT id, username FROM users WHERE username IN ('ice.sac', 'spp.team')`);
    const actor = (username: string) => ({ userId: users.find((u) => u.username === username)?.id ?? '', username, agency: 'ICE' });
    organizer = actor('ice.sac');
    coordination = actor('spp.team');
  });
  afterAll(() => dataSource.destroy());

  const entries = (entityId: string) => withDb(async (db) => (await db.query(
    'SELECT action, actor, details FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId])).rows);
  const notified = (entityId: string) => withDb(async (db) => (await db.query(
    'SELECT user_id, kind FROM notifications WHERE entity_id = $1 ORDER BY id', [entityId])).rows);

  const create = async (overrides: Partial<NewMeeting> = {}, fail = false): Promise<MeetingRecord> => {
    const id = randomUUID();
    const started: string[] = [];
    const meeting = await dataSource.transaction(async (tx) => {
      const created = await service.create(tx, {
        id, organizer, title: 'Service spec', counterpartCountry: 'MX', counterpartAgencies: await service.agenciesOf('MX'),
        level: 'EXECUTIVE', scheduledAt: new Date(Date.now() + 100 * HOUR), deliverables: ['REPATRIATION'], ...overrides,
      }, new Date(), async (m) => { started.push(m.id); });
      if (fail) throw new Error('Temporal is away');
      return created;
    });
    expect(started).toEqual([id]);
    return meeting;
  };

  it('creates a meeting that owes a notice, audited and announced to the organizer and the coordination team', async () => {
    const meeting = await create();
    expect(meeting).toMatchObject({ notification: 'PENDING', notificationRequired: true, report: 'NOT_REQUESTED', counterpartCountry: 'MX' });
    expect(meeting.notificationDueAt?.getTime()).toBe(meeting.scheduledAt.getTime() - 72 * HOUR);
    expect((await entries(meeting.id)).map((e) => e.action)).toEqual(['meeting.created']);
    const recipients = (await notified(meeting.id)).map((n) => n.user_id);
    // Every MEETING_COORDINATION user on record, read now: other specs provision users with that role.
    const team = await usersWith(dataSource, null, 'MEETING_COORDINATION');
    expect(team).toContain(coordination.userId);
    expect(new Set(recipients)).toEqual(new Set([organizer.userId, ...team]));
  });

  it('writes nothing when the creating transaction rolls back (the workflow could not start)', async () => {
    const id = randomUUID();
    await expect(create({ id }, true)).rejects.toThrow('Temporal is away');
    expect(await service.exists(id)).toBe(false);
    expect(await entries(id)).toEqual([]);
  });

  it('takes a notice once: on time, a retried step changes nothing, another notice is refused with the state', async () => {
    const meeting = await create();
    const at = new Date();
    const noticed = await service.recordNotice(meeting.id, organizer, at);
    expect(noticed).toMatchObject({ notification: 'ON_TIME', noticeBy: 'ice.sac' });
    expect(await service.recordNotice(meeting.id, organizer, at)).toEqual(noticed);
    const refused = service.recordNotice(meeting.id, organizer, new Date(at.getTime() + 1000));
    await expect(refused).rejects.toBeInstanceOf(InvalidMeetingTransition);
    await expect(refused).rejects.toMatchObject({
      aspect: 'notification', current: 'ON_TIME', message: 'cannot record a notice for a meeting whose notification is ON_TIME',
    });
    expect((await entries(meeting.id)).map((e) => e.action)).toEqual(['meeting.created', 'meeting.notice_recorded']);
  });

  it('turns a PENDING notice MISSING when the meeting passes, and a late notice LATE', async () => {
    const meeting = await create();
    expect((await service.markNoticeMissing(meeting.id, new Date())).notification).toBe('MISSING');
    expect((await service.markNoticeMissing(meeting.id, new Date())).notification).toBe('MISSING');
    expect((await service.recordNotice(meeting.id, organizer, new Date())).notification).toBe('LATE');
    expect((await entries(meeting.id)).map((e) => e.action)).toEqual(['meeting.created', 'meeting.notice_missing', 'meeting.notice_recorded']);
  });

  it('records the outcome once with its action items, each audited, and refuses a second outcome', async () => {
    const meeting = await create({ level: 'WORKING' });
    const item = { id: randomUUID(), description: 'send the list', owner: 'ice.sac', dueAt: new Date(Date.now() + HOUR).toISOString() };
    const at = new Date();
    const outcome = { heldAt: new Date().toISOString(), summary: 'agreed', actionItems: [item] };
    const first = await service.recordOutcome(meeting.id, organizer, at, outcome);
    const retried = await service.recordOutcome(meeting.id, organizer, at, outcome);
    expect(retried).toEqual(first);
    expect(first.actionItems).toEqual([{ actionItemId: item.id, workflowId: `action-item-${item.id}`, dueAt: item.dueAt }]);
    expect((await actionItems.forMeeting(meeting.id)).map((i) => [i.id, i.status])).toEqual([[item.id, 'OPEN']]);
    expect((await entries(item.id)).map((e) => e.action)).toEqual(['action_item.created']);
    await expect(service.recordOutcome(meeting.id, organizer, new Date(at.getTime() + 1), outcome))
      .rejects.toMatchObject({ aspect: 'outcome', current: 'RECORDED' });
    expect((await entries(meeting.id)).map((e) => e.action)).toEqual(['meeting.created', 'meeting.outcome_recorded']);
  });

  it('walks the report obligation, keeping its history, and refuses a request without a deliverable', async () => {
    const none = await create({ deliverables: [] });
    await expect(service.reportStep(none.id, 'REQUEST', coordination, new Date(), { dueAt: new Date() }))
      .rejects.toMatchObject({ aspect: 'report', current: 'NOT_REQUESTED', message: 'the meeting touches no trilateral deliverable (M3)' });

    const meeting = await create();
    const dueAt = new Date(Date.now() + 10 * HOUR);
    const requested = await service.reportStep(meeting.id, 'REQUEST', coordination, new Date(), { dueAt });
    expect(requested).toMatchObject({ report: 'REQUESTED', reportDueAt: dueAt });
    const overdue = await service.markReportOverdue(meeting.id, dueAt, new Date());
    expect(overdue.report).toBe('OVERDUE');
    const submitted = await service.reportStep(meeting.id, 'SUBMIT', organizer, new Date(), { body: 'the report' });
    expect(submitted).toMatchObject({ report: 'SUBMITTED', reportBody: 'the report' });
    await expect(service.reportStep(meeting.id, 'SUBMIT', organizer, new Date(), { body: 'again' }))
      .rejects.toMatchObject({ aspect: 'report', current: 'SUBMITTED', message: 'cannot submit a report that is SUBMITTED' });
    expect(submitted.reportHistory.map((h) => [h.action, h.status, h.actor])).toEqual([
      ['REQUEST', 'REQUESTED', 'spp.team'], ['EXPIRE', 'OVERDUE', 'system'], ['SUBMIT', 'SUBMITTED', 'ice.sac'],
    ]);
    expect((await entries(meeting.id)).map((e) => e.action)).toEqual([
      'meeting.created', 'meeting.report_requested', 'meeting.report_overdue', 'meeting.report_submitted',
    ]);
  });
});
