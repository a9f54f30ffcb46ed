import { randomUUID } from 'node:crypto';
import { CaseRepository } from '../../libs/cases/case.repository';
import { query } from '../../libs/db/sql';
import { DeconflictionService, HitAlreadyResolved } from '../../libs/deconfliction/deconfliction.service';
import { HitRepository } from '../../libs/deconfliction/hit.repository';
import { LookoutService, lookoutView } from '../../libs/deconfliction/lookout.service';
import { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import { SeizureService } from '../../libs/seizures/seizure.service';
import { uniqueWord } from '../support/http';
import { auditActions, count, insertCase, notified, serviceDataSource, sorted, stores, userId, usersWith } from './support';

const config = {
  hitEscalationAfterMs: 3_600_000, eventHitEscalationAfterMs: 1_800_000, personMatchThreshold: 0.7,
  organizationMatchThreshold: 0.6, serialMinReadable: 4,
};

interface HitRow {
  id: string; match_type: string; status: string; a_case_id: string | null; a_seizure_id: string | null; b_case_id: string | null;
  b_lookout_id: string | null;
}

/** DeconflictionService on real PostgreSQL: keys, hits, audit entries and notifications commit in one transaction. */
describe('DeconflictionService', () => {
  const dataSource = serviceDataSource('deconfliction');
  let service: DeconflictionService;
  let seizures: SeizureService;
  const coordinator = { userId: '', username: 'coordinator', agency: 'ICE' };

  beforeAll(async () => {
    await dataSource.initialize();
    const { audit, notifications } = stores(dataSource);
    service = new DeconflictionService(dataSource, new CaseRepository(dataSource), new MatchingRepository(config), new HitRepository(dataSource),
      notifications, audit, config);
    seizures = new SeizureService(dataSource, audit);
    coordinator.userId = await userId(dataSource, 'coordinator');
  });
  afterAll(() => dataSource.destroy());

  const hitsOf = (caseId: string) => query<HitRow>(dataSource,
    `SELECT id, match_type, status, a_case_id, a_seizure_id, b_case_id, b_lookout_id FROM deconfliction_hits
     WHERE a_case_id = $1 OR b_case_id = $1 ORDER BY created_at, id`, [caseId]);

  it('records a hit between two agencies\' cases with its audit entry and both sides\' and the watch desk\'s notifications; a retry adds nothing', async () => {
    const email = `${uniqueWord()}@example.net`;
    const first = await insertCase(dataSource, { agency: 'ICE', lead: 'ice.agent', identifiers: [{ type: 'EMAIL', value: email }] });
    expect(await service.deconflictCase(first.caseId, null)).toEqual([]);
    expect(await count(dataSource, 'SELECT count(*) AS n FROM match_keys WHERE case_id = $1', [first.caseId])).toBe(1);

    const second = await insertCase(dataSource, { agency: 'ATF', lead: 'atf.agent', identifiers: [{ type: 'EMAIL', value: email.toUpperCase() }] });
    const starts = await service.deconflictCase(second.caseId, null);
    const hits = await hitsOf(second.caseId);
    expect(hits).toEqual([expect.objectContaining({ match_type: 'EMAIL', status: 'OPEN', a_case_id: second.caseId, b_case_id: first.caseId })]);
    const hitId = hits[0].id;
    expect(starts).toEqual([{ hitId, workflowId: `hit-${hitId}`, escalateAfterMs: config.hitEscalationAfterMs }]);
    expect(await auditActions(dataSource, hitId)).toEqual(['hit.created']);

    const [atfLead, iceLead] = [await userId(dataSource, 'atf.agent'), await userId(dataSource, 'ice.agent')];
    const coordinators = await usersWith(dataSource, null, 'DECONFLICTION_COORDINATOR');
    expect(await notified(dataSource, hitId, 'hit.created')).toEqual(sorted([atfLead, iceLead, ...coordinators]));
    // Each side hears of its own case only, with the other side as a pointer.
    const payloads = await query<{ user_id: string; payload: { caseId?: string } }>(dataSource,
      `SELECT user_id, payload FROM notifications WHERE entity_id = $1 AND user_id = ANY($2)`, [hitId, [atfLead, iceLead]]);
    expect(Object.fromEntries(payloads.map((p) => [p.user_id, p.payload.caseId]))).toEqual({ [atfLead]: second.caseId, [iceLead]: first.caseId });

    const totals = () => Promise.all([
      count(dataSource, 'SELECT count(*) AS n FROM match_keys WHERE case_id = $1', [second.caseId]),
      count(dataSource, 'SELECT count(*) AS n FROM deconfliction_hits WHERE a_case_id = $1', [second.caseId]),
      count(dataSource, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = $1', [hitId]),
      count(dataSource, 'SELECT count(*) AS n FROM notifications WHERE entity_id = $1', [hitId]),
    ]);
    const before = await totals();
    expect(await service.deconflictCase(second.caseId, null)).toEqual(starts);
    expect(await totals()).toEqual(before);
  });

  it('escalates an open hit once, resolves it once, and refuses a second, different resolution', async () => {
    const email = `${uniqueWord()}@example.org`;
    const first = await insertCase(dataSource, { agency: 'DEA', lead: 'dea.agent', identifiers: [{ type: 'EMAIL', value: email }] });
    await service.deconflictCase(first.caseId, null);
    const second = await insertCase(dataSource, { agency: 'CBP', lead: 'cbp.officer', identifiers: [{ type: 'EMAIL', value: email }] });
    const [{ hitId }] = await service.deconflictCase(second.caseId, null);

    await service.escalate(hitId);
    await service.escalate(hitId);
    expect((await hitsOf(second.caseId))[0].status).toBe('ESCALATED');
    expect(await auditActions(dataSource, hitId)).toEqual(['hit.created', 'hit.escalated']);

    const resolved = await service.resolve(hitId, 'JOINT_INVESTIGATION', 'same target', coordinator);
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolution: 'JOINT_INVESTIGATION', resolvedBy: 'coordinator' });
    const again = await service.resolve(hitId, 'JOINT_INVESTIGATION', 'same target', coordinator);
    expect(again.resolvedAt).toEqual(resolved.resolvedAt);
    await expect(service.resolve(hitId, 'DEFER', 'changed my mind', coordinator)).rejects.toBeInstanceOf(HitAlreadyResolved);
    await service.escalate(hitId);
    expect(await auditActions(dataSource, hitId)).toEqual(['hit.created', 'hit.escalated', 'hit.resolved']);
    expect((await hitsOf(second.caseId))[0].status).toBe('RESOLVED');
  });

  it('matches a case value against a lookout, but never against a closed case', async () => {
    const email = `${uniqueWord()}@example.com`;
    const lookoutId = randomUUID();
    const lookouts = new LookoutService(dataSource, service, new MatchingRepository(config), stores(dataSource).audit);
    const lookout = await dataSource.transaction((tx) =>
      lookouts.create(lookoutId, { userId: coordinator.userId, username: 'coordinator', agency: 'ICE' }, { type: 'EMAIL', value: email, note: 'watch' }, tx));
    expect(lookoutView(lookout)).toMatchObject({ id: lookoutId, owner: 'coordinator', owningAgency: 'ICE', active: true, expiresAt: null });
    expect(await lookouts.ownerAgency(lookoutId)).toBe('ICE');
    expect((await lookouts.page('ICE', 500)).map((l) => l.id)).toContain(lookoutId);
    expect(await auditActions(dataSource, lookoutId)).toEqual(['lookout.created']);

    const closed = await insertCase(dataSource, { agency: 'FBI', lead: 'fbi.agent', identifiers: [{ type: 'EMAIL', value: email }] });
    await service.deconflictCase(closed.caseId, null);
    await dataSource.query(`UPDATE cases SET status = 'CLOSED' WHERE id = $1`, [closed.caseId]);

    const later = await insertCase(dataSource, { agency: 'DEA', lead: 'dea.agent', identifiers: [{ type: 'EMAIL', value: email }] });
    await service.deconflictCase(later.caseId, null);
    const hits = await hitsOf(later.caseId);
    expect(hits.map((h) => [h.b_case_id, h.b_lookout_id])).toEqual([[null, lookoutId]]);
  });

  it('deconflicts a seized serial against case firearms, with the seizure as side a', async () => {
    const serial = `SN${uniqueWord(10).toUpperCase()}`;
    const owner = await insertCase(dataSource, { agency: 'ATF', lead: 'atf.agent', firearms: [serial] });
    // The case's keys are stored by its own deconfliction pass (intake), as the case workflow does.
    await service.deconflictCase(owner.caseId, null);

    const seizureId = randomUUID();
    await dataSource.transaction(async (tx) => {
      await seizures.create(tx, seizureId, { userId: await userId(dataSource, 'cbp.officer'), username: 'cbp.officer', agency: 'CBP' },
        { seizedAt: '2026-01-05T10:00:00Z', firearms: [{ serialNumber: serial }] });
      await tx.query('UPDATE seizures SET workflow_started_at = now() WHERE id = $1', [seizureId]);
    });
    const starts = await service.deconflictSeizure(seizureId);
    const hits = await query<HitRow>(dataSource,
      'SELECT id, match_type, status, a_case_id, a_seizure_id, b_case_id, b_lookout_id FROM deconfliction_hits WHERE a_seizure_id = $1', [seizureId]);
    expect(hits).toEqual([expect.objectContaining({ match_type: 'FIREARM_SERIAL', a_case_id: null, a_seizure_id: seizureId, b_case_id: owner.caseId })]);
    expect(starts.map((s) => s.hitId)).toEqual([hits[0].id]);
    expect(await notified(dataSource, hits[0].id, 'hit.created')).toContain(await userId(dataSource, 'cbp.officer'));
    expect(await service.deconflictSeizure(randomUUID())).toEqual([]);
  });
});
