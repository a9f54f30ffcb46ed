import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { query, queryOne } from '../../libs/db/sql';
import { SeizureIncomplete, SeizureInput, SeizureService } from '../../libs/seizures/seizure.service';
import { InvalidTraceTransition, TraceService } from '../../libs/seizures/trace.service';
import { uniqueWord } from '../support/http';
import { auditActions, count, notified, serviceDataSource, sorted, stores, userId, usersWith } from './support';

const URGENT_DUE_AFTER_MS = 3_600_000;

/** SeizureService and TraceService on real PostgreSQL: the record, its audit entries and notifications commit together. */
describe('SeizureService and TraceService', () => {
  const dataSource = serviceDataSource('seizures');
  let seizures: SeizureService;
  let traces: TraceService;
  const cbp = { userId: '', username: 'cbp.officer', agency: 'CBP' };
  const atf = { userId: '', username: 'atf.agent', agency: 'ATF' };

  beforeAll(async () => {
    await dataSource.initialize();
    const { audit, notifications } = stores(dataSource);
    seizures = new SeizureService(dataSource, audit);
    traces = new TraceService(dataSource, notifications, audit, { URGENT: URGENT_DUE_AFTER_MS, ROUTINE: 7_200_000 });
    cbp.userId = await userId(dataSource, 'cbp.officer');
    atf.userId = await userId(dataSource, 'atf.agent');
  });
  afterAll(() => dataSource.destroy());

  /** The worker's relay would start a workflow for a record committed without one; the spec's records need none. */
  const asStarted = (tx: EntityManager, table: 'seizures' | 'traces', id: string) =>
    tx.query(`UPDATE ${table} SET workflow_started_at = now() WHERE id = $1`, [id]);

  const draft = (): SeizureInput => ({
    seizedAt: '2026-03-10T14:00:00Z', location: { latitude: 31.33, longitude: -110.94, description: 'Nogales port' },
    circumstances: 'secondary inspection', firearms: [{ serialNumber: `SN${uniqueWord()}`, make: 'Colt', model: 'M4', caliber: '5.56' }],
  });
  const create = (id: string, input: SeizureInput) => dataSource.transaction(async (tx) => {
    const record = await seizures.create(tx, id, cbp, input);
    await asStarted(tx, 'seizures', id);
    return record;
  });

  it('creates a record with what it lacks, refuses to share it until complete, then shares it with the partner agency only', async () => {
    const id = randomUUID();
    const created = await create(id, draft());
    expect(created).toMatchObject({ id, owningAgency: 'CBP', createdBy: cbp.userId, readyToShare: false, noArrests: false, sharedWith: [] });
    expect(created.firearms).toEqual([expect.objectContaining({ make: 'Colt', caliber: '5.56', caliberClass: '.223', importer: null })]);
    const createdAudit = await queryOne<{ details: { missing: string[]; firearms: number } }>(dataSource,
      `SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'seizure.created'`, [id]);
    expect(createdAudit?.details.firearms).toBe(1);
    expect(createdAudit?.details.missing).toEqual(['IMPORTER', 'PERSONNEL', 'CALIBER_ACTION', 'ARRESTEES', 'POINTS_OF_CONTACT']);

    const refused = dataSource.transaction((tx) => seizures.share(tx, id, cbp, ['ATF']));
    await expect(refused).rejects.toBeInstanceOf(SeizureIncomplete);
    await expect(refused).rejects.toMatchObject({ missing: ['IMPORTER', 'PERSONNEL', 'CALIBER_ACTION', 'ARRESTEES', 'POINTS_OF_CONTACT'] });
    expect(await count(dataSource, 'SELECT count(*) AS n FROM seizure_shares WHERE seizure_id = $1', [id])).toBe(0);

    const patched = await dataSource.transaction((tx) => seizures.patch(tx, id, cbp, {
      finder: 'K9 unit', seizingOfficial: 'Officer Pena', forensicProcessor: 'Lab 3', noArrests: true,
      pointsOfContact: [{ name: 'Carla Pena', agency: 'CBP', phone: '+15205550103' }],
      firearms: [{ id: created.firearms[0].id, importer: 'Colt Canada', action: 'SEMI_AUTOMATIC' }],
    }));
    expect(patched.firearms[0]).toMatchObject({ importer: 'Colt Canada', action: 'SEMI_AUTOMATIC', make: 'Colt', caliberClass: '.223' });
    expect(patched.circumstances).toBe('secondary inspection');

    const shared = await dataSource.transaction((tx) => seizures.share(tx, id, cbp, ['ATF', 'CBP']));
    expect(shared).toMatchObject({ readyToShare: true, sharedWith: ['ATF'] });
    expect(await seizures.accessFor(id, 'CBP')).toBe('OWNER');
    expect(await seizures.accessFor(id, 'ATF')).toBe('SHARED');
    expect(await seizures.accessFor(id, 'DEA')).toBeNull();
    expect(await auditActions(dataSource, id)).toEqual(['seizure.created', 'seizure.updated', 'seizure.shared']);
  });

  it('leaves nothing behind when the transaction that created the seizure rolls back', async () => {
    const id = randomUUID();
    await expect(dataSource.transaction(async (tx) => {
      await seizures.create(tx, id, cbp, draft());
      throw new Error('the caller failed after creating');
    })).rejects.toThrow('the caller failed after creating');
    expect(await seizures.exists(id)).toBe(false);
    expect(await count(dataSource, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = $1', [id])).toBe(0);
  });

  it('requests a trace of a seized firearm, runs it to a result with time-to-crime, and tells both agencies at each step', async () => {
    const seizureId = randomUUID();
    const traceId = randomUUID();
    const seizure = await create(seizureId, draft());
    const requested = await dataSource.transaction(async (tx) => {
      const trace = await traces.request(tx, traceId, cbp, seizureId,
        { serialNumber: seizure.firearms[0].serialNumber, priority: 'URGENT', firearmId: seizure.firearms[0].id });
      await asStarted(tx, 'traces', traceId);
      return trace;
    });
    expect(requested).toMatchObject({ status: 'SUBMITTED', requestingAgency: 'CBP', tracingAgency: 'ATF', requestedBy: 'cbp.officer', overdue: false, workflowId: `trace-${traceId}` });
    expect(Math.abs(requested.dueAt.getTime() - requested.createdAt.getTime() - URGENT_DUE_AFTER_MS)).toBeLessThan(1000);
    const recipients = sorted([...await usersWith(dataSource, 'ATF', 'CASE_AGENT'), cbp.userId]);
    expect(await notified(dataSource, traceId, 'trace.submitted')).toEqual(recipients);

    await expect(traces.transition(traceId, 'COMPLETE', atf, { firstRetailSaleDate: '2025-03-10' })).rejects.toBeInstanceOf(InvalidTraceTransition);
    await traces.transition(traceId, 'START', atf);
    const done = await traces.transition(traceId, 'COMPLETE', atf, { firstRetailDealer: 'Guns & Co', sourceState: 'az', firstRetailSaleDate: '2025-03-10' });
    expect(done).toMatchObject({ status: 'COMPLETED', firstRetailDealer: 'Guns & Co', sourceState: 'AZ', firstRetailSaleDate: '2025-03-10', timeToCrimeDays: 365 });
    const retried = await traces.transition(traceId, 'COMPLETE', atf, { firstRetailSaleDate: '2025-03-10' });
    expect(retried).toMatchObject({ status: 'COMPLETED', firstRetailSaleDate: '2025-03-10', timeToCrimeDays: 365 });
    expect(await auditActions(dataSource, traceId)).toEqual(['trace.submitted', 'trace.in_progress', 'trace.completed']);
    expect(await notified(dataSource, traceId, 'trace.completed')).toEqual(recipients);

    // A finished trace is never flagged overdue.
    expect((await traces.markOverdue(traceId))?.overdue).toBe(false);
    expect(await auditActions(dataSource, traceId)).not.toContain('trace.overdue');
  });

  it('flags an open trace overdue once, and lists it under OVERDUE for both agencies', async () => {
    const seizureId = randomUUID();
    const traceId = randomUUID();
    const seizure = await create(seizureId, draft());
    await dataSource.transaction(async (tx) => {
      await traces.request(tx, traceId, cbp, seizureId, { serialNumber: seizure.firearms[0].serialNumber, priority: 'URGENT', firearmId: null });
      await asStarted(tx, 'traces', traceId);
    });
    expect((await traces.markOverdue(traceId))?.overdue).toBe(true);
    await traces.markOverdue(traceId);
    expect(await auditActions(dataSource, traceId)).toEqual(['trace.submitted', 'trace.overdue']);
    expect(await count(dataSource, `SELECT count(*) AS n FROM notifications WHERE entity_id = $1 AND kind = 'trace.overdue'`, [traceId]))
      .toBe((await notified(dataSource, traceId, 'trace.submitted')).length);
    for (const agency of ['CBP', 'ATF']) {
      const listed = await traces.list(agency, 'OVERDUE', 1000);
      expect(listed.map((t) => t.id)).toContain(traceId);
    }
    expect((await traces.list('DEA', undefined, 1000)).map((t) => t.id)).not.toContain(traceId);
    const row = await query<{ overdue: boolean; status: string }>(dataSource, 'SELECT overdue, status FROM traces WHERE id = $1', [traceId]);
    expect(row).toEqual([{ overdue: true, status: 'SUBMITTED' }]);
  });
});
