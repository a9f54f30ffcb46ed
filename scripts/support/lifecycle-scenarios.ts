import { call, login, Scenario, waitReferralStarted } from './recording';

/** The first scenarios recorded: each workflow through its usual life (run with the short clocks of the README). */
export const waitActive = async (id: string, token: string): Promise<void> => {
  for (let i = 0; i < 60 && (await call('GET', `/cases/${id}`, token)).status !== 'ACTIVE'; i += 1) {
    await new Promise((r) => setTimeout(r, 250));
  }
};

/** A case through its whole life: intake, each kind of append, close. */
async function caseLifecycle(): Promise<string[]> {
  const token = await login('ice.agent');
  const created = await call('POST', '/cases', token, {
    title: 'Recorded history', category: 'ARMS_TRAFFICKING',
    subjects: [{ kind: 'PERSON', fullName: 'Recorded Subject' }],
  });
  await waitActive(created.id, token);
  await call('POST', `/cases/${created.id}/identifiers`, token, { identifiers: [{ type: 'PHONE', value: `+1520${Date.now() % 10_000_000}` }] });
  await call('POST', `/cases/${created.id}/operations`, token, {
    operations: [{ type: 'ARREST', latitude: -45 + Math.random(), longitude: 100 + Math.random(), startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z' }],
  });
  await call('POST', `/cases/${created.id}/close`, token, { outcome: 'recorded' });
  return [created.workflowId];
}

/**
 * Two agencies' cases meet on an e-mail: the second case's workflow starts the hit's workflow, which escalates on
 * its timer (run the stack with HIT_ESCALATION_AFTER=2s) and is then resolved; both cases close afterwards.
 */
async function hitLifecycle(): Promise<string[]> {
  const ice = await login('ice.agent');
  const atf = await login('atf.agent');
  const coordinator = await login('coordinator');
  const email = `recorded-${Date.now()}@example.org`;
  const first = await call('POST', '/cases', ice, { title: 'Recorded hit (ICE)', category: 'OTHER', identifiers: [{ type: 'EMAIL', value: email }] });
  await waitActive(first.id, ice);
  const second = await call('POST', '/cases', atf, { title: 'Recorded hit (ATF)', category: 'OTHER', identifiers: [{ type: 'EMAIL', value: email }] });
  await waitActive(second.id, atf);
  const [hit] = (await call('GET', `/cases/${second.id}/hits`, atf)).items;
  for (let i = 0; i < 120 && (await call('GET', `/deconfliction/hits/${hit.id}`, coordinator)).status !== 'ESCALATED'; i += 1) {
    await new Promise((r) => setTimeout(r, 500));
  }
  await call('POST', `/deconfliction/hits/${hit.id}/resolve`, coordinator, { resolution: 'NO_CONFLICT', note: 'recorded' });
  await call('POST', `/cases/${second.id}/close`, atf, { outcome: 'recorded' });
  return [second.workflowId, `hit-${hit.id}`];
}

/** A case with a port of entry: R1 goes to CBP, escalates unacknowledged (REFERRAL_ACK_DUE_AFTER=2s), then is accepted. */
async function referralLifecycle(): Promise<string[]> {
  const fbi = await login('fbi.agent');
  const cbp = await login('cbp.officer');
  const created = await call('POST', '/cases', fbi, { title: 'Recorded referral', category: 'ARMS_TRAFFICKING', flags: { portOfEntry: 'Otay Mesa' } });
  await waitActive(created.id, fbi);
  const [referral] = (await call('GET', `/cases/${created.id}/referrals`, fbi)).items;
  for (let i = 0; i < 120 && (await call('GET', `/referrals/${referral.id}`, cbp)).status !== 'ESCALATED'; i += 1) {
    await new Promise((r) => setTimeout(r, 500));
  }
  await call('POST', `/referrals/${referral.id}/acknowledge`, cbp);
  await call('POST', `/referrals/${referral.id}/accept`, cbp, { note: 'recorded' });
  await call('POST', `/cases/${created.id}/subjects`, fbi, { subjects: [{ kind: 'ORGANIZATION', name: 'Recorded DTO', orgType: 'DTO' }] });
  const referrals = (await call('GET', `/cases/${created.id}/referrals`, fbi)).items;
  const dea = await login('dea.agent');
  const r2 = referrals.find((r: any) => r.rule === 'R2').id;
  await waitReferralStarted(r2, dea);
  await call('POST', `/referrals/${r2}/decline`, dea, { reason: 'recorded' });
  await call('POST', `/cases/${created.id}/close`, fbi, { outcome: 'recorded' });
  return [created.workflowId, `referral-${referral.id}`];
}

/**
 * A seized serial meets a case firearm (the seizure workflow starts a hit), and an urgent trace falls overdue
 * (TRACE_URGENT_DUE_AFTER=2s) before the tracing agency starts it and completes it.
 */
async function seizureAndTraceLifecycle(): Promise<string[]> {
  const ice = await login('ice.agent');
  const cbp = await login('cbp.officer');
  const atf = await login('atf.agent');
  const serial = `REC${Date.now() % 100_000_000}`;
  const owner = await call('POST', '/cases', ice, { title: 'Recorded gun case', category: 'ARMS_TRAFFICKING', firearms: [{ serialNumber: serial }] });
  await waitActive(owner.id, ice);
  const seizure = await call('POST', '/seizures', cbp, { seizedAt: new Date(Date.now() - 3_600_000).toISOString(), firearms: [{ serialNumber: serial, caliber: '9mm' }] });
  const trace = await call('POST', `/seizures/${seizure.id}/traces`, cbp, { serialNumber: serial, priority: 'URGENT' });
  for (let i = 0; i < 120 && !(await call('GET', `/traces/${trace.id}`, atf)).overdue; i += 1) await new Promise((r) => setTimeout(r, 500));
  await call('POST', `/traces/${trace.id}/start`, atf);
  await call('POST', `/traces/${trace.id}/result`, atf, { status: 'COMPLETED', firstRetailDealer: 'Recorded Dealer', sourceState: 'AZ' });
  return [`seizure-${seizure.id}`, `trace-${trace.id}`];
}

const as = (workflowId: string, file: string) => ({ workflowId, file });

export const LIFECYCLE_SCENARIOS: Scenario[] = [
  { name: 'case', files: ['case-workflow-lifecycle.json'], run: async () => { const [c] = await caseLifecycle(); return [as(c, 'case-workflow-lifecycle.json')]; } },
  {
    name: 'hit', files: ['case-workflow-starting-a-hit.json', 'hit-workflow-escalated-resolved.json'],
    run: async () => { const [c, h] = await hitLifecycle(); return [as(c, 'case-workflow-starting-a-hit.json'), { ...as(h, 'hit-workflow-escalated-resolved.json'), open: true }]; },
  },
  {
    name: 'referral', files: ['case-workflow-with-referrals.json', 'referral-workflow-escalated-accepted.json'],
    run: async () => { const [c, r] = await referralLifecycle(); return [as(c, 'case-workflow-with-referrals.json'), as(r, 'referral-workflow-escalated-accepted.json')]; },
  },
  {
    name: 'seizure-trace', files: ['seizure-workflow-with-hit.json', 'trace-workflow-overdue-completed.json'],
    run: async () => { const [s, t] = await seizureAndTraceLifecycle(); return [as(s, 'seizure-workflow-with-hit.json'), as(t, 'trace-workflow-overdue-completed.json')]; },
  },
];
