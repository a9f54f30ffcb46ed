import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkLink } from '../../libs/audit/audit-chain';
import { AuditStore } from '../../libs/audit/audit-store';
import { CaseRepository } from '../../libs/cases/case.repository';
import { CaseCloseBlocked, CaseNotFound, CaseService } from '../../libs/cases/case.service';
import type { Actor, CaseItems } from '../../libs/contracts/case-items';
import { createDataSource } from '../../libs/db/data-source';
import { uniqueWord, withDb } from '../support/http';
import { readStack } from '../support/stack';

/** The cases use cases on the stack's PostgreSQL: each change commits with its audit entry, or neither does. */
describe('CaseService on PostgreSQL', () => {
  const dataSource = createDataSource({ url: readStack().databaseUrl, asAppRole: true, poolSize: 2, applicationName: 'case-service-test' });
  const repository = new CaseRepository(dataSource);
  const service = new CaseService(dataSource, repository, new AuditStore(dataSource));
  let ice: Actor;

  beforeAll(async () => {
    await dataSource.initialize();
    const [row] = await dataSource.query(`SELECT id FROM users WHERE username = 'ice.agent'`);
    ice = { userId: row.id, username: 'ice.agent', agency: 'ICE' };
  });
  afterAll(() => dataSource.destroy());

  const audit = (caseId: string) => withDb(async (db) => (await db.query(
    'SELECT action, actor, agency, details FROM audit_log WHERE entity_id = $1 ORDER BY seq', [caseId])).rows);
  const items = (): CaseItems[] => [
    { kind: 'subjects', items: [{ id: randomUUID(), kind: 'PERSON', fullName: `Ana ${uniqueWord()}`, dateOfBirth: '1980-02-29' }] },
    { kind: 'identifiers', items: [{ id: randomUUID(), type: 'EMAIL', value: `${uniqueWord()}@example.net` }] },
    { kind: 'firearms', items: [] },
    { kind: 'operations', items: [] },
  ];

  /** Opens a case the way the API does; it gets no workflow, so the worker's relay is told one started. */
  const open = (work: (tx: EntityManager, id: string) => Promise<void> = async () => undefined) => {
    const id = randomUUID();
    return dataSource.transaction(async (tx) => {
      const opened = await service.open(tx, { id, title: 'service spec', category: 'OTHER', flags: { cartelLink: true }, items: items() }, ice, new Date());
      await tx.query('UPDATE cases SET workflow_started_at = now() WHERE id = $1', [id]);
      await work(tx, id);
      return opened;
    });
  };

  it('opens a case with its number, its items and one audit entry, in the caller\'s transaction', async () => {
    const opened = await open();
    expect(opened).toMatchObject({ status: 'INTAKE', owningAgency: 'ICE', workflowId: `case-${opened.id}` });
    expect(opened.caseNumber).toMatch(new RegExp(`^ICE-${new Date().getUTCFullYear()}-\\d{6,}$`));
    const detail = await repository.loadDetail(opened.id);
    expect(detail?.record).toMatchObject({ caseNumber: opened.caseNumber, status: 'INTAKE', flags: { cartelLink: true }, leadAgentId: ice.userId });
    expect(detail?.subjects).toEqual([expect.objectContaining({ kind: 'PERSON', dateOfBirth: '1980-02-29' })]);
    expect(detail?.identifiers).toHaveLength(1);
    expect(detail?.leadAgent.username).toBe('ice.agent');
    expect(await audit(opened.id)).toEqual([{
      action: 'case.created', actor: 'ice.agent', agency: 'ICE',
      details: { caseNumber: opened.caseNumber, category: 'OTHER', counts: { subjects: 1, identifiers: 1, firearms: 0, operations: 0 } },
    }]);
  });

  it('leaves neither the case nor its audit entry when the caller\'s transaction rolls back', async () => {
    let id = '';
    await expect(open(async (_tx, caseId) => {
      id = caseId;
      throw new Error('the idempotency answer could not be stored');
    })).rejects.toThrow('could not be stored');
    expect(await repository.findById(id)).toBeNull();
    expect(await audit(id)).toEqual([]);
  });

  it('appends items once however often the workflow retries the step', async () => {
    const { id } = await open();
    const append: CaseItems = { kind: 'firearms', items: [{ id: randomUUID(), serialNumber: `SN${uniqueWord()}` }] };
    const first = await service.appendItems(id, { actor: ice, append });
    const again = await service.appendItems(id, { actor: ice, append });
    expect(again).toEqual(first);
    expect((await repository.loadDetail(id))?.firearms).toEqual([expect.objectContaining({ serialObliterated: false })]);
    expect((await audit(id)).map((e) => e.action)).toEqual(['case.created', 'case.firearms_added']);
  });

  it('changes the status once, audited as the system, and refuses a case that is not there', async () => {
    const { id } = await open();
    await service.markStatus(id, 'ACTIVE');
    await service.markStatus(id, 'ACTIVE');
    expect((await repository.findById(id))?.status).toBe('ACTIVE');
    expect((await audit(id)).slice(1)).toEqual([{ action: 'case.status_changed', actor: 'system', agency: 'ICE', details: { status: 'ACTIVE' } }]);
    // The entry is written by the status change's own statement, its payload built in SQL: its hash must still hold.
    const entries = await new AuditStore(dataSource).list({ entityId: id, limit: 10 });
    const changed = entries.find((e) => e.action === 'case.status_changed');
    expect(changed && checkLink(changed, changed.prevHash)).toEqual({ ok: true });
    const before = await withDb(async (db) => (await db.query(
      'SELECT hash FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT 1', [changed?.seq])).rows[0]?.hash);
    expect(changed?.prevHash).toBe(before);
    expect(changed?.at.getTime()).toBe((await repository.findById(id))?.updatedAt.getTime());
    // Forward only: a late step (its worker killed while the statement waited) never takes a status back.
    await service.markStatus(id, 'DECONFLICTION');
    expect((await repository.findById(id))?.status).toBe('ACTIVE');
    expect(await audit(id)).toHaveLength(2);
    await expect(service.markStatus(randomUUID(), 'ACTIVE')).rejects.toBeInstanceOf(CaseNotFound);
  });

  it('closes once, answers a second close with how it closed, and is blocked by an open referral', async () => {
    const { id } = await open();
    const closed = await service.close(id, { actor: ice, outcome: 'Arrests made', result: 'ARREST' });
    const again = await service.close(id, { actor: ice, outcome: 'something else' });
    expect(again).toEqual({ caseId: id, status: 'CLOSED', outcome: 'Arrests made', closedAt: closed.closedAt });
    expect((await audit(id)).filter((e) => e.action === 'case.closed')).toHaveLength(1);

    const blocked = await open();
    await withDb((db) => db.query(
      `INSERT INTO referrals (id, case_id, from_agency, to_agency, rule, kind, reason, facts, status, due_at, history, workflow_id, created_at, updated_at)
       VALUES ($1, $2, 'ICE', 'ATF', 'R1', 'REFERRAL', 'spec', '{}', 'SENT', now(), '[]', $3, now(), now())`,
      [randomUUID(), blocked.id, `referral-spec-${uniqueWord()}`]));
    const refusal = service.close(blocked.id, { actor: ice, outcome: 'no' });
    await expect(refusal).rejects.toBeInstanceOf(CaseCloseBlocked);
    await expect(refusal).rejects.toMatchObject({ blockers: ['referral R1 to ATF is SENT'] });
    expect((await repository.findById(blocked.id))?.status).toBe('INTAKE');
  });

  it('shares with a known agency, not with itself, and revokes once, each step audited', async () => {
    const { id } = await open();
    expect(await service.shareRefusal('ICE', 'ICE')).toBe('OWN_AGENCY');
    expect(await service.shareRefusal('ICE', 'NOPE')).toBe('UNKNOWN_AGENCY');
    expect(await service.shareRefusal('ICE', 'ATF')).toBeNull();
    await dataSource.transaction((tx) => service.grantShare(tx, id, 'ATF', 'joint work', ice));
    expect(await repository.accessFor(id, 'ATF')).toBe('SHARED');
    expect(await service.revokeShare(id, 'ATF', ice)).toBe(true);
    expect(await service.revokeShare(id, 'ATF', ice)).toBe(false);
    expect(await repository.accessFor(id, 'ATF')).toBeNull();
    expect((await audit(id)).slice(1)).toEqual([
      { action: 'case.share_granted', actor: 'ice.agent', agency: 'ICE', details: { sharedWith: 'ATF', reason: 'joint work' } },
      { action: 'case.share_revoked', actor: 'ice.agent', agency: 'ICE', details: { revokedFrom: 'ATF' } },
    ]);
  });
});
