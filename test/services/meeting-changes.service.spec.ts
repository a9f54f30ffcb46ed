import { randomUUID } from 'node:crypto';
import { AuditStore } from '../../libs/audit/audit-store';
import type { MeetingActor } from '../../libs/contracts/meetings';
import { createDataSource } from '../../libs/db/data-source';
import { ActionItemService } from '../../libs/meetings/action-item.service';
import { InvalidMeetingTransition, MeetingRecord, MeetingService } from '../../libs/meetings/meeting.service';
import { NotificationStore } from '../../libs/notifications/notification-store';
import { withDb } from '../support/http';
import { readStack } from '../support/stack';

const HOUR = 3_600_000;

/** Cancel and reschedule (issue 18) on the stack's PostgreSQL: a retried activity (same time) writes nothing twice. */
describe('MeetingChanges on PostgreSQL', () => {
  const dataSource = createDataSource({ url: readStack().databaseUrl, asAppRole: true, poolSize: 2, applicationName: 'meeting-changes-test' });
  const notifications = new NotificationStore(dataSource);
  const audit = new AuditStore(dataSource);
  const service = new MeetingService(dataSource, notifications, audit, new ActionItemService(dataSource, notifications, audit), 72 * HOUR);
  let organizer: MeetingActor;

  beforeAll(async () => {
    await dataSource.initialize();
    const [user] = await dataSource.query(`SELECT id FROM users WHERE username = 'ice.sac'`);
    organizer = { userId: user.id, username: 'ice.sac', agency: 'ICE' };
  });
  afterAll(() => dataSource.destroy());

  const actions = (entityId: string) => withDb(async (db) => (await db.query(
    'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId])).rows.map((r) => r.action));
  const create = (level: 'EXECUTIVE' | 'WORKING' = 'EXECUTIVE'): Promise<MeetingRecord> => dataSource.transaction((tx) => service.create(tx, {
    id: randomUUID(), organizer, title: 'Changes spec', counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level,
    scheduledAt: new Date(Date.now() + 100 * HOUR), deliverables: [],
  }, new Date(), async () => {}));

  it('reschedules with a recomputed notice due time, once per step time; a MISSING notice is owed again', async () => {
    const meeting = await create();
    await service.markNoticeMissing(meeting.id, new Date());
    const at = new Date();
    const to = new Date(Date.now() + 200 * HOUR);
    const moved = await service.changes.reschedule(meeting.id, organizer, at, to, 'moved');
    const retried = await service.changes.reschedule(meeting.id, organizer, at, to, 'moved');
    expect(moved).toMatchObject({ scheduledAt: to, notificationDueAt: new Date(to.getTime() - 72 * HOUR), notification: 'PENDING' });
    expect(retried.scheduleHistory).toHaveLength(1);
    expect(await actions(meeting.id)).toEqual(['meeting.created', 'meeting.notice_missing', 'meeting.rescheduled']);
    const exempt = await service.changes.reschedule((await create('WORKING')).id, organizer, new Date(), to, 'moved');
    expect({ dueAt: exempt.notificationDueAt, notification: exempt.notification }).toEqual({ dueAt: null, notification: 'EXEMPT' });
  });

  it('cancels once; the notice clock then finds nothing to mark; any further change is refused (CANCELLED)', async () => {
    const meeting = await create();
    const at = new Date();
    await service.changes.cancel(meeting.id, organizer, at, 'called off');
    const retried = await service.changes.cancel(meeting.id, organizer, at, 'called off');
    expect(retried.cancellation).toEqual({ at, by: 'ice.sac', reason: 'called off' });
    expect((await service.markNoticeMissing(meeting.id, new Date())).notification).toBe('PENDING');
    await expect(service.changes.cancel(meeting.id, organizer, new Date(), 'again')).rejects.toBeInstanceOf(InvalidMeetingTransition);
    await expect(service.recordNotice(meeting.id, organizer, new Date())).rejects.toMatchObject({ aspect: 'meeting', current: 'CANCELLED' });
    expect(await actions(meeting.id)).toEqual(['meeting.created', 'meeting.cancelled']);
  });
});
