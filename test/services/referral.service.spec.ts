import { CaseRepository } from '../../libs/cases/case.repository';
import { CaseService } from '../../libs/cases/case.service';
import { query } from '../../libs/db/sql';
import { InvalidReferralTransition, ReferralService } from '../../libs/referrals/referral.service';
import { TraceService } from '../../libs/seizures/trace.service';
import { uniqueWord } from '../support/http';
import { auditActions, count, insertCase, notified, serviceDataSource, sorted, stores, userId, usersWith } from './support';

const ACK_DUE_AFTER_MS = 3_600_000;

/** ReferralService on real PostgreSQL: each use case commits its referral rows, audit entries and notifications together. */
describe('ReferralService', () => {
  const dataSource = serviceDataSource('referrals');
  let service: ReferralService;
  let traces: TraceService;
  const actor = async (username: string, agency: string) => ({ userId: await userId(dataSource, username), username, agency });

  beforeAll(async () => {
    await dataSource.initialize();
    const { audit, notifications } = stores(dataSource);
    service = new ReferralService(dataSource, new CaseService(dataSource, new CaseRepository(dataSource), audit), notifications, audit, ACK_DUE_AFTER_MS);
    traces = new TraceService(dataSource, notifications, audit, { URGENT: 3_600_000, ROUTINE: 7_200_000 });
  });
  afterAll(() => dataSource.destroy());

  const referralsOf = (caseId: string) => query<{ id: string; rule: string; to_agency: string; status: string; history: { status: string; action: string }[] }>(
    dataSource, 'SELECT id, rule, to_agency, status, history FROM referrals WHERE case_id = $1 ORDER BY rule', [caseId]);

  it('sends one referral per matching rule with its dissemination, audit entry and notifications, and a retry adds nothing', async () => {
    // R4 (export smuggling) routes to ICE, which owns the case: a case is never referred to its own agency.
    const { caseId } = await insertCase(dataSource, {
      agency: 'ICE', lead: 'ice.agent', flags: { portOfEntry: 'Nogales, AZ', domesticSale: true, exportSmuggling: true },
      firearms: [`SN${uniqueWord()}`, `SN${uniqueWord()}`],
    });
    const starts = await service.evaluateCase(caseId);
    const rows = await referralsOf(caseId);
    expect(rows.map((r) => `${r.rule}:${r.to_agency}:${r.status}`)).toEqual(['R1:CBP:SENT', 'R3:ATF:SENT']);
    expect(sorted(starts.map((s) => s.referralId))).toEqual(sorted(rows.map((r) => r.id)));
    expect(starts.every((s) => s.workflowId === `referral-${s.referralId}` && s.ackDueAfterMs === ACK_DUE_AFTER_MS)).toBe(true);
    const r3 = await service.findById(rows[1].id);
    expect(r3).toMatchObject({ caseId, fromAgency: 'ICE', toAgency: 'ATF', kind: 'DOMESTIC_FIREARMS', facts: { domesticSale: true, firearms: 2 } });
    expect(r3?.reason).toBe('domestic sale or transport of firearms (2 firearms to trace)');

    expect(await count(dataSource, 'SELECT count(*) AS n FROM disseminations WHERE case_id = $1', [caseId])).toBe(2);
    const lead = await userId(dataSource, 'ice.agent');
    for (const r of rows) {
      expect(await auditActions(dataSource, r.id)).toEqual(['referral.sent']);
      const officers = await usersWith(dataSource, r.to_agency, 'REFERRAL_OFFICER');
      expect(await notified(dataSource, r.id, 'referral.sent')).toEqual(sorted([...officers, lead]));
    }

    const totals = () => Promise.all([
      count(dataSource, 'SELECT count(*) AS n FROM referrals WHERE case_id = $1', [caseId]),
      count(dataSource, 'SELECT count(*) AS n FROM disseminations WHERE case_id = $1', [caseId]),
      count(dataSource, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ANY($1)', [rows.map((r) => r.id)]),
      count(dataSource, 'SELECT count(*) AS n FROM notifications WHERE entity_id = ANY($1)', [rows.map((r) => r.id)]),
    ]);
    const before = await totals();
    const again = await service.evaluateCase(caseId);
    expect(sorted(again.map((s) => s.referralId))).toEqual(sorted(starts.map((s) => s.referralId)));
    expect(await totals()).toEqual(before);
  });

  it('answers nothing and writes nothing for a case no rule applies to, nor for a closed one', async () => {
    const { caseId } = await insertCase(dataSource, { agency: 'ICE', lead: 'ice.agent', flags: {} });
    expect(await service.evaluateCase(caseId)).toEqual([]);
    expect(await referralsOf(caseId)).toEqual([]);
    // Closed after its facts were set: the rules no longer run on it.
    await dataSource.query(`UPDATE cases SET flags = '{"portOfEntry": "Laredo, TX"}', status = 'CLOSED' WHERE id = $1`, [caseId]);
    expect(await service.evaluateCase(caseId)).toEqual([]);
    expect(await referralsOf(caseId)).toEqual([]);
  });

  it('notes once on a referral whose facts no longer hold, and never withdraws it', async () => {
    const { caseId } = await insertCase(dataSource, { agency: 'ICE', lead: 'ice.agent', flags: { portOfEntry: 'Laredo, TX' } });
    await service.evaluateCase(caseId);
    await dataSource.query(`UPDATE cases SET flags = '{}' WHERE id = $1`, [caseId]);
    await service.evaluateCase(caseId);
    await service.evaluateCase(caseId);
    const [r1] = await referralsOf(caseId);
    expect(r1.status).toBe('SENT');
    expect(r1.history.map((h) => `${h.status}:${h.action}`)).toEqual(['SENT:SEND', 'NOTED:FACTS_NO_LONGER_HOLD']);
  });

  it('moves a referral one step at a time, answers a retried step as it stands, and refuses a step the state machine does not allow', async () => {
    const { caseId } = await insertCase(dataSource, { agency: 'ICE', lead: 'ice.agent', flags: { portOfEntry: 'El Paso, TX' } });
    const [start] = await service.evaluateCase(caseId);
    const cbp = await actor('cbp.officer', 'CBP');

    const acknowledged = await service.transition(start.referralId, 'ACKNOWLEDGE', cbp, 'on it');
    expect(acknowledged.status).toBe('ACKNOWLEDGED');
    expect(acknowledged.history.at(-1)).toMatchObject({ status: 'ACKNOWLEDGED', action: 'ACKNOWLEDGE', actor: 'cbp.officer', agency: 'CBP', note: 'on it' });
    const retried = await service.transition(start.referralId, 'ACKNOWLEDGE', cbp, 'on it');
    expect(retried.history).toHaveLength(acknowledged.history.length);
    expect(await auditActions(dataSource, start.referralId)).toEqual(['referral.sent', 'referral.acknowledged']);
    const officers = await usersWith(dataSource, 'CBP', 'REFERRAL_OFFICER');
    expect(await notified(dataSource, start.referralId, 'referral.acknowledged')).toEqual(sorted([...officers, await userId(dataSource, 'ice.agent')]));

    await expect(service.transition(start.referralId, 'ESCALATE', null)).rejects.toBeInstanceOf(InvalidReferralTransition);
    await expect(service.transition(start.referralId, 'ACKNOWLEDGE', await actor('atf.agent', 'ATF'))).rejects.toThrow('cannot acknowledge a referral that is ACKNOWLEDGED');
    expect((await service.findById(start.referralId))?.status).toBe('ACKNOWLEDGED');
  });

  it('accepting shares the case with the receiving agency in the same transaction, and R3 then has every case firearm traced', async () => {
    const { caseId, firearmIds } = await insertCase(dataSource, {
      agency: 'ICE', lead: 'ice.agent', flags: { domesticSale: true }, firearms: [`SN${uniqueWord()}`, `SN${uniqueWord()}`],
    });
    const [start] = await service.evaluateCase(caseId);
    // Before acceptance nothing of the case leaves the owning agency.
    expect(await traces.ensureCaseFirearmTraces(caseId)).toEqual([]);

    const accepted = await service.transition(start.referralId, 'ACCEPT', await actor('atf.agent', 'ATF'));
    expect(accepted.status).toBe('ACCEPTED');
    const shares = await query<{ agency_code: string; reason: string; revoked_at: Date | null }>(dataSource,
      'SELECT agency_code, reason, revoked_at FROM case_shares WHERE case_id = $1', [caseId]);
    expect(shares).toEqual([{ agency_code: 'ATF', reason: 'accepted referral R3 (DOMESTIC_FIREARMS)', revoked_at: null }]);
    expect(await auditActions(dataSource, caseId)).toContain('case.share_granted');
    expect(await auditActions(dataSource, start.referralId)).toEqual(['referral.sent', 'referral.accepted']);

    const made = await traces.ensureCaseFirearmTraces(caseId);
    expect(made).toHaveLength(2);
    const stored = await query<{ id: string; case_firearm_id: string; requesting_agency: string; tracing_agency: string; priority: string }>(dataSource,
      'SELECT id, case_firearm_id, requesting_agency, tracing_agency, priority FROM traces WHERE case_id = $1', [caseId]);
    expect(sorted(stored.map((t) => t.case_firearm_id))).toEqual(sorted(firearmIds));
    expect(stored.every((t) => t.requesting_agency === 'ICE' && t.tracing_agency === 'ATF' && t.priority === 'ROUTINE')).toBe(true);
    for (const t of stored) expect(await auditActions(dataSource, t.id)).toEqual(['trace.submitted']);
    expect(sorted((await traces.ensureCaseFirearmTraces(caseId)).map((t) => t.traceId))).toEqual(sorted(made.map((t) => t.traceId)));
    expect(await count(dataSource, 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ANY($1)', [stored.map((t) => t.id)])).toBe(2);
  });

  it('orders the inbox by urgency: overdue acknowledgements first, worked referrals last', async () => {
    const cases = await Promise.all(['A', 'B', 'C'].map(() => insertCase(dataSource, { agency: 'ICE', lead: 'ice.agent', flags: { cartelLink: true } })));
    const ids: string[] = [];
    for (const c of cases) ids.push((await service.evaluateCase(c.caseId))[0].referralId);
    // The inbox lists a referral once its workflow has run its first step, which marks it started (no workflow here).
    for (const id of ids) await service.markWorkflowStarted(id);
    const dea = await actor('dea.agent', 'DEA');
    await service.transition(ids[0], 'DECLINE', dea, 'not ours');
    await service.transition(ids[1], 'ESCALATE', null);
    const page = await service.inbox('DEA', { sort: 'urgency' }, 500, new Date());
    const mine = page.filter((r) => ids.includes(r.id)).map((r) => [r.id, r.rank]);
    // Ranks: 0 overdue, 1 not yet acknowledged, 2 acknowledged, 3 final (a declined referral is worked).
    expect(mine).toEqual([[ids[1], 0], [ids[2], 1], [ids[0], 3]]);
  });
});
