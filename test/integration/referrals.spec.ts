import { randomUUID } from 'node:crypto';
import { eventually, http, login, uniqueWord, withDb, withTemporal } from '../support/http';

describe('referrals over HTTP', () => {
  let fbi: string; let cbp: string; let dea: string; let atf: string; let ice: string; let coordinator: string;

  beforeAll(async () => {
    [fbi, cbp, dea, atf, ice, coordinator] = await Promise.all(
      ['fbi.agent', 'cbp.officer', 'dea.agent', 'atf.agent', 'ice.agent', 'coordinator'].map((u) => login(u)));
  });

  async function activeCase(token: string, body: Record<string, unknown>) {
    const created = await http('POST', '/cases', { token, body: { title: `Referral case ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', ...body } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    // Each referral is worked once its workflow runs (its view stops saying `starting`), as the console waits for.
    await eventually(() => http('GET', `/cases/${created.body.id}/referrals`, { token }), (r) => r.body.items?.every((x: any) => x.starting === false));
    return created.body as { id: string; caseNumber: string };
  }
  const referralsOf = async (token: string, caseId: string) => {
    const response = await http('GET', `/cases/${caseId}/referrals`, { token });
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };
  const byRule = (items: any[], rule: string) => items.find((r) => r.rule === rule);

  it('routes R1-R4 to the agencies that must act, each with its reason, and works them through to closing', async () => {
    const owner = await activeCase(fbi, {
      flags: { portOfEntry: 'San Ysidro, CA', cartelLink: true, domesticSale: true, exportSmuggling: true },
      firearms: [{ serialNumber: `FB${uniqueWord(6).toUpperCase()}1` }, { serialNumber: `FB${uniqueWord(6).toUpperCase()}2` }],
    });
    const sent = await referralsOf(fbi, owner.id);
    expect(sent.map((r) => `${r.rule}:${r.kind}:${r.toAgency}:${r.status}`).sort()).toEqual([
      'R1:INTERDICTION:CBP:SENT', 'R2:DRUG_NEXUS:DEA:SENT', 'R3:DOMESTIC_FIREARMS:ATF:SENT', 'R4:EXPORT_ENFORCEMENT:ICE:SENT',
    ]);
    expect(byRule(sent, 'R1').reason).toBe('involves the port of entry San Ysidro, CA');
    expect(byRule(sent, 'R3').reason).toBe('domestic sale or transport of firearms (2 firearms to trace)');
    expect(sent.every((r) => r.fromAgency === 'FBI' && r.caseId === owner.id && r.history[0].status === 'SENT' && r.dueAt)).toBe(true);
    expect((await http('GET', `/cases/${owner.id}`, { token: fbi })).body.referrals).toHaveLength(4);
    const disseminations = await withDb(async (db) => (await db.query(
      'SELECT recipient_agency FROM disseminations WHERE case_id = $1 ORDER BY recipient_agency', [owner.id])).rows.map((r) => r.recipient_agency));
    expect(disseminations).toEqual(['ATF', 'CBP', 'DEA', 'ICE']);

    const r1 = byRule(sent, 'R1');
    const inbox = await http('GET', '/referrals?status=SENT', { token: cbp });
    expect(inbox.body.items.map((r: any) => r.id)).toContain(r1.id);
    expect(inbox.body.items.every((r: any) => r.toAgency === 'CBP')).toBe(true);
    expect((await http('GET', `/cases/${owner.id}`, { token: cbp })).status).toBe(404);

    expect((await http('POST', `/referrals/${r1.id}/acknowledge`, { token: dea })).status).toBe(404);
    expect((await http('POST', `/referrals/${r1.id}/acknowledge`, { token: fbi })).status).toBe(403);
    expect((await http('POST', `/referrals/${r1.id}/acknowledge`, { token: coordinator })).status).toBe(403);
    expect((await http('GET', '/referrals', { token: fbi })).status).toBe(403);

    const acknowledged = await http('POST', `/referrals/${r1.id}/acknowledge`, { token: cbp });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.status).toBe('ACKNOWLEDGED');
    const twice = await http('POST', `/referrals/${r1.id}/acknowledge`, { token: cbp });
    expect(twice.status).toBe(409);
    expect(twice.body.currentStatus).toBe('ACKNOWLEDGED');
    const accepted = await http('POST', `/referrals/${r1.id}/accept`, { token: cbp, body: { note: 'Port team will interdict' } });
    expect(accepted.body.status).toBe('ACCEPTED');
    expect(accepted.body.history.map((h: any) => `${h.status}:${h.actor}`)).toEqual(['SENT:system', 'ACKNOWLEDGED:cbp.officer', 'ACCEPTED:cbp.officer']);
    expect(accepted.body.history.every((h: any) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    const acceptAgain = await http('POST', `/referrals/${r1.id}/accept`, { token: cbp, body: {} });
    expect(acceptAgain.status).toBe(409);
    expect(acceptAgain.body.currentStatus).toBe('ACCEPTED');
    // Facts change later (a DTO is added): the rules run again, but a referral already worked is not started anew.
    const r1Run = await withTemporal((client) => client.workflow.getHandle(`referral-${r1.id}`).describe());
    const dto = await http('POST', `/cases/${owner.id}/subjects`, { token: fbi, body: { subjects: [{ kind: 'ORGANIZATION', name: `Los ${uniqueWord()}`, orgType: 'DTO' }] } });
    expect(dto.status).toBe(201);
    const r1After = await withTemporal((client) => client.workflow.getHandle(`referral-${r1.id}`).describe());
    expect({ runId: r1After.runId, status: r1After.status.name }).toEqual({ runId: r1Run.runId, status: 'COMPLETED' });
    expect(await referralsOf(fbi, owner.id)).toHaveLength(4);
    const shared = await http('GET', `/cases/${owner.id}`, { token: cbp });
    expect(shared.status).toBe(200);
    expect(shared.body.access).toBe('SHARED');

    const r2 = byRule(sent, 'R2');
    const noReason = await http('POST', `/referrals/${r2.id}/decline`, { token: dea, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    expect((await http('GET', `/referrals/${r2.id}`, { token: dea })).body.status).toBe('SENT');
    const declined = await http('POST', `/referrals/${r2.id}/decline`, { token: dea, body: { reason: 'No drug nexus found in our holdings' } });
    expect(declined.body).toMatchObject({ status: 'DECLINED' });
    expect(declined.body.history[1]).toMatchObject({ status: 'DECLINED', actor: 'dea.agent', note: 'No drug nexus found in our holdings' });
    expect((await http('POST', `/referrals/${r2.id}/accept`, { token: dea, body: {} })).status).toBe(409);

    // The shared pair's acknowledgement clock never fires, so the histories above and below are exact; escalation
    // of R3 and R4 is tested on the clock pair (clocks.spec.ts).
    const r3 = byRule(sent, 'R3');
    expect((await referralsOf(fbi, owner.id)).map((r) => `${r.rule}:${r.status}`).sort()).toEqual(['R1:ACCEPTED', 'R2:DECLINED', 'R3:SENT', 'R4:SENT']);

    expect((await http('POST', `/referrals/${r3.id}/acknowledge`, { token: atf })).body.status).toBe('ACKNOWLEDGED');
    const caseTracesOf = async () => (await http('GET', '/traces?limit=200', { token: atf })).body.items.filter((t: any) => t.caseId === owner.id);
    expect(await caseTracesOf()).toEqual([]);
    expect((await http('POST', `/referrals/${r3.id}/accept`, { token: atf, body: {} })).body.status).toBe('ACCEPTED');
    // R3 accepted (the case now shared with ATF): each firearm gets a routine trace request, on its own clock.
    const caseTraces = await caseTracesOf();
    expect(caseTraces.map((t: any) => `${t.priority}:${t.status}:${t.requestingAgency}:${t.tracingAgency}`))
      .toEqual(['ROUTINE:SUBMITTED:FBI:ATF', 'ROUTINE:SUBMITTED:FBI:ATF']);
    const fbiView = await http('GET', `/traces/${caseTraces[0].id}`, { token: fbi });
    expect({ status: fbiView.status, caseId: fbiView.body.caseId }).toEqual({ status: 200, caseId: owner.id });
    const traceRun = await withTemporal((client) => client.workflow.getHandle(`trace-${caseTraces[0].id}`).describe());
    expect(traceRun.status.name).toBe('RUNNING');
    const r4 = byRule(sent, 'R4');
    expect((await http('POST', `/referrals/${r4.id}/decline`, { token: ice, body: { reason: 'FBI keeps it; ICE assists' } })).body.status).toBe('DECLINED');
    expect((await http('POST', `/cases/${owner.id}/close`, { token: fbi, body: { outcome: 'prosecuted' } })).status).toBe(200);

    for (const r of [r1, r2, r3, r4]) {
      const description = await withTemporal((client) => client.workflow.getHandle(`referral-${r.id}`).describe());
      expect(description.status.name).toBe('COMPLETED');
    }
    const actions = await withDb(async (db) => (await db.query(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [r3.id])).rows.map((r) => r.action));
    expect(actions).toEqual(['referral.sent', 'referral.acknowledged', 'referral.accepted']);
  });

  it('evaluates again when a DTO organization is added, and never refers a case to its owner', async () => {
    const atfCase = await activeCase(atf, { flags: { domesticSale: true } });
    expect(await referralsOf(atf, atfCase.id)).toEqual([]);
    const appended = await http('POST', `/cases/${atfCase.id}/subjects`, { token: atf, body: { subjects: [{ kind: 'ORGANIZATION', name: `Cártel ${uniqueWord()}`, orgType: 'DTO' }] } });
    expect(appended.status).toBe(201);
    const after = await eventually(() => referralsOf(atf, atfCase.id), (items) => items.length > 0);
    expect(after.map((r) => `${r.rule}:${r.toAgency}`)).toEqual(['R2:DEA']);
    expect(after[0].reason).toMatch(/^drug trafficking organization subject: Cártel /);

    const deaCase = await activeCase(dea, { flags: { cartelLink: true, exportSmuggling: true } });
    expect((await referralsOf(dea, deaCase.id)).map((r) => `${r.rule}:${r.toAgency}`)).toEqual(['R4:ICE']);
  });

  it('a rule referral whose workflow never started says so, is not in the inbox, refuses steps at once, and the relay starts it', async () => {
    const owner = await activeCase(fbi, {});
    const id = randomUUID();
    // As intake writes it, but the case's run never got to start its workflow. Dated ahead so the shared relay
    // (5 s) leaves it alone until the checks below are made; dated back afterwards to let it run. In milliseconds, as
    // the services write it: the inbox's cursor carries a JavaScript date, and a finer time would be listed twice.
    await withDb((db) => db.query(
      `INSERT INTO referrals (id, case_id, from_agency, to_agency, rule, kind, reason, facts, status, due_at, history, workflow_id, created_at, updated_at)
       VALUES ($1, $2, 'FBI', 'CBP', 'R1', 'INTERDICTION', 'involves the port of entry Nogales, AZ', '{"portOfEntry": "Nogales, AZ"}', 'SENT',
               now() + interval '1 hour', $3, $4, date_trunc('milliseconds', now() + interval '10 minutes'), now())`,
      [id, owner.id, JSON.stringify([{ status: 'SENT', action: 'SEND', actor: 'system', agency: 'FBI', at: new Date().toISOString() }]), `referral-${id}`]));
    expect((await http('GET', `/referrals/${id}`, { token: cbp })).body).toMatchObject({ id, status: 'SENT', starting: true });
    expect((await http('GET', `/referrals?caseNumber=${owner.caseNumber}`, { token: cbp })).body.items.map((r: any) => r.id)).not.toContain(id);
    const early = await http('POST', `/referrals/${id}/acknowledge`, { token: cbp });
    expect({ status: early.status, retryAfter: early.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '1' });

    await withDb((db) => db.query(`UPDATE referrals SET created_at = date_trunc('milliseconds', now() - interval '1 minute') WHERE id = $1`, [id]));
    const started = await eventually(() => http('GET', `/referrals/${id}`, { token: cbp }), (r) => r.body.starting === false, 60_000);
    expect(started.body.status).toBe('SENT');
    expect((await http('GET', `/referrals?caseNumber=${owner.caseNumber}`, { token: cbp })).body.items.map((r: any) => r.id)).toContain(id);
    expect((await http('POST', `/referrals/${id}/acknowledge`, { token: cbp })).body.status).toBe('ACKNOWLEDGED');
    const run = await withTemporal((client) => client.workflow.getHandle(`referral-${id}`).describe());
    expect(run.status.name).toBe('RUNNING');
  });
});
