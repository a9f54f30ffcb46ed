import { AuditStore } from '../../libs/audit/audit-store';
import { CaseRepository } from '../../libs/cases/case.repository';
import { createDataSource } from '../../libs/db/data-source';
import { DeconflictionService } from '../../libs/deconfliction/deconfliction.service';
import { HitRepository } from '../../libs/deconfliction/hit.repository';
import { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import { NotificationStore } from '../../libs/notifications/notification-store';
import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { readStack } from '../support/stack';

/**
 * The activity behind the case workflow's deconfliction step, run again on the real database as Temporal would
 * retry it after a lost answer: it must name the same hits and write no second row of anything.
 */
describe('a retried deconfliction pass', () => {
  const dataSource = createDataSource({ url: readStack().databaseUrl, asAppRole: true, poolSize: 2, applicationName: 'retry-test' });
  const config = {
    hitEscalationAfterMs: 3000, eventHitEscalationAfterMs: 2000, personMatchThreshold: 0.7,
    organizationMatchThreshold: 0.6, serialMinReadable: 4,
  };
  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());

  it('returns the same hits and duplicates no key, hit, notification or audit entry', async () => {
    const [ice, atf] = await Promise.all([login('ice.agent'), login('atf.agent')]);
    const email = `${uniqueWord()}@example.net`;
    const person = { kind: 'PERSON', fullName: `Rosa ${uniqueWord()} Vela`, dateOfBirth: '1979-09-09' };
    const open = async (token: string) => {
      const created = await http('POST', '/cases', { token, body: { title: 'retry', category: 'OTHER', subjects: [person], identifiers: [{ type: 'EMAIL', value: email }] } });
      await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
      return created.body.id as string;
    };
    await open(ice);
    const second = await open(atf);
    const hits = await http('GET', `/cases/${second}/hits`, { token: atf });
    expect(hits.body.items.map((h: any) => h.matchType).sort()).toEqual(['EMAIL', 'PERSON']);

    const counts = () => withDb(async (db) => {
      const ids = hits.body.items.map((h: any) => h.id);
      const n = async (sql: string, params: unknown[]) => Number((await db.query(sql, params)).rows[0].count);
      return {
        keys: await n('SELECT count(*) FROM match_keys WHERE case_id = $1', [second]),
        persons: await n('SELECT count(*) FROM person_keys WHERE case_id = $1', [second]),
        hits: await n('SELECT count(*) FROM deconfliction_hits WHERE a_case_id = $1 OR b_case_id = $1', [second]),
        notifications: await n('SELECT count(*) FROM notifications WHERE entity_id = ANY($1)', [ids]),
        audit: await n('SELECT count(*) FROM audit_log WHERE entity_id = ANY($1)', [ids]),
      };
    });
    const before = await counts();
    expect(before).toMatchObject({ keys: 1, persons: 1, hits: 2 });

    const cases = new CaseRepository(dataSource);
    const service = new DeconflictionService(dataSource, cases, new MatchingRepository(config), new HitRepository(dataSource),
      new NotificationStore(dataSource), new AuditStore(dataSource), config);
    const again = await service.deconflictCase(second, null);
    expect(again.map((h) => h.hitId).sort()).toEqual(hits.body.items.map((h: any) => h.id).sort());
    expect(again.every((h) => h.workflowId === `hit-${h.hitId}` && h.escalateAfterMs === 3000)).toBe(true);
    expect(await counts()).toEqual(before);
  });
});
