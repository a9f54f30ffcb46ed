import { call, login, Scenario, temporalClient, waitFor, waitReferralStarted } from './recording';
import { waitActive } from './lifecycle-scenarios';

/**
 * Branches the lifecycle scenarios do not take (issue 23): traces started when ATF accepts an R3 referral and when
 * a firearm is appended to such a case, a declined referral, a hit resolved before its timer, a case that continues
 * as new. Each scenario checks it took its branch, so a recording never silently covers less than its name says.
 */
const unique = (): string => `${Date.now() % 100_000_000}${Math.floor(Math.random() * 1000)}`;

/** R3: an ICE case of domestic firearm sales goes to ATF; accepting it traces the case's firearms. */
async function tracesOnAcceptance(): Promise<{ caseWf: string; referralWf: string; traceWf: string }> {
  const ice = await login('ice.agent');
  const atf = await login('atf.agent');
  const serials = [`R3A${unique()}`, `R3B${unique()}`];
  const created = await call('POST', '/cases', ice, {
    title: 'Recorded R3 case', category: 'ARMS_TRAFFICKING', flags: { domesticSale: true },
    firearms: serials.map((serialNumber) => ({ serialNumber })),
  });
  await waitActive(created.id, ice);
  const r3 = (await call('GET', `/cases/${created.id}/referrals`, ice)).items.find((r: { rule: string }) => r.rule === 'R3');
  if (!r3) throw new Error('the case drew no R3 referral');
  await waitReferralStarted(r3.id, atf);
  await call('POST', `/referrals/${r3.id}/accept`, atf, { note: 'recorded' });
  // A firearm appended after acceptance gets its trace from the case workflow.
  const appended = `R3C${unique()}`;
  await call('POST', `/cases/${created.id}/firearms`, ice, { firearms: [{ serialNumber: appended }] });
  const traces = async () => (await call('GET', '/traces?status=SUBMITTED', atf)).items
    .filter((t: { serialNumber: string }) => [...serials, appended].includes(t.serialNumber));
  await waitFor(async () => (await traces()).length === 3, 'three R3 traces');
  const [trace] = await traces();
  await call('POST', `/traces/${trace.id}/start`, atf);
  await call('POST', `/traces/${trace.id}/result`, atf, { status: 'COMPLETED', firstRetailDealer: 'Recorded Dealer', sourceState: 'TX' });
  await call('POST', `/cases/${created.id}/close`, ice, { outcome: 'recorded' });
  return { caseWf: created.workflowId, referralWf: `referral-${r3.id}`, traceWf: `trace-${trace.id}` };
}

/** R2 (cartel link) goes to DEA, which declines it. */
async function declinedReferral(): Promise<string> {
  const ice = await login('ice.agent');
  const dea = await login('dea.agent');
  const created = await call('POST', '/cases', ice, { title: 'Recorded declined referral', category: 'OTHER', flags: { cartelLink: true } });
  await waitActive(created.id, ice);
  const r2 = (await call('GET', `/cases/${created.id}/referrals`, ice)).items.find((r: { rule: string }) => r.rule === 'R2');
  if (!r2) throw new Error('the case drew no R2 referral');
  await waitReferralStarted(r2.id, dea);
  const declined = await call('POST', `/referrals/${r2.id}/decline`, dea, { reason: 'recorded' });
  if (declined.status !== 'DECLINED') throw new Error(`the referral is ${declined.status}`);
  return `referral-${r2.id}`;
}

/**
 * Two agencies plan operations at the same place and time: an operation hit escalates on EVENT_HIT_ESCALATION_AFTER
 * (15m unless set), so the coordinator resolves it while it is still OPEN.
 */
async function hitResolvedInTime(): Promise<string> {
  const ice = await login('ice.agent');
  const atf = await login('atf.agent');
  const coordinator = await login('coordinator');
  const operation = {
    type: 'SURVEILLANCE', latitude: -40 + Math.random(), longitude: 120 + Math.random(), radiusMeters: 100,
    startsAt: '2027-01-10T10:00:00Z', endsAt: '2027-01-10T12:00:00Z',
  };
  const first = await call('POST', '/cases', ice, { title: 'Recorded operation (ICE)', category: 'OTHER', operations: [operation] });
  await waitActive(first.id, ice);
  const second = await call('POST', '/cases', atf, { title: 'Recorded operation (ATF)', category: 'OTHER', operations: [operation] });
  await waitActive(second.id, atf);
  const [hit] = (await call('GET', `/cases/${second.id}/hits`, atf)).items;
  const status = (await call('GET', `/deconfliction/hits/${hit.id}`, coordinator)).status;
  if (status !== 'OPEN') throw new Error(`the hit is ${status} before it is resolved: start the stack with a long EVENT_HIT_ESCALATION_AFTER`);
  await call('POST', `/deconfliction/hits/${hit.id}/resolve`, coordinator, { resolution: 'NO_CONFLICT', note: 'recorded in time' });
  return `hit-${hit.id}`;
}

/**
 * Appends until the server suggests continue-as-new. Temporal suggests it at `limit.historyCount.suggestContinueAsNew`
 * events (4096 by default): record on a server started with a low value (README), or this gives up.
 */
async function caseContinuedAsNew(): Promise<{ workflowId: string; firstRunId: string }> {
  const ice = await login('ice.agent');
  const created = await call('POST', '/cases', ice, { title: 'Recorded long case', category: 'OTHER' });
  await waitActive(created.id, ice);
  const { client, close } = await temporalClient();
  try {
    const firstRunId = (await client.workflow.getHandle(created.workflowId).describe()).runId;
    const first = client.workflow.getHandle(created.workflowId, firstRunId);
    for (let i = 0; (await first.describe()).status.name !== 'CONTINUED_AS_NEW'; i += 1) {
      if (i >= 80) throw new Error('the case did not continue as new after 80 appends: lower limit.historyCount.suggestContinueAsNew');
      await call('POST', `/cases/${created.id}/identifiers`, ice, { identifiers: [{ type: 'EMAIL', value: `long-${unique()}-${i}@example.org` }] });
    }
    await call('POST', `/cases/${created.id}/identifiers`, ice, { identifiers: [{ type: 'EMAIL', value: `after-${unique()}@example.org` }] });
    await call('POST', `/cases/${created.id}/close`, ice, { outcome: 'recorded' });
    return { workflowId: created.workflowId, firstRunId };
  } finally {
    await close();
  }
}

export const BRANCH_SCENARIOS: Scenario[] = [
  {
    name: 'r3-traces',
    files: ['case-workflow-r3-firearm-traces.json', 'referral-workflow-r3-accepted-starts-traces.json', 'trace-workflow-r3-completed.json'],
    run: async () => {
      const { caseWf, referralWf, traceWf } = await tracesOnAcceptance();
      return [
        { workflowId: caseWf, file: 'case-workflow-r3-firearm-traces.json' },
        { workflowId: referralWf, file: 'referral-workflow-r3-accepted-starts-traces.json' },
        { workflowId: traceWf, file: 'trace-workflow-r3-completed.json' },
      ];
    },
  },
  {
    name: 'declined-referral', files: ['referral-workflow-declined.json'],
    run: async () => [{ workflowId: await declinedReferral(), file: 'referral-workflow-declined.json' }],
  },
  {
    name: 'hit-in-time', files: ['hit-workflow-resolved-before-escalation.json'],
    run: async () => [{ workflowId: await hitResolvedInTime(), file: 'hit-workflow-resolved-before-escalation.json', open: true }],
  },
  {
    name: 'case-continue-as-new', files: ['case-workflow-continued-as-new.json', 'case-workflow-after-continue-as-new.json'],
    run: async () => {
      const { workflowId, firstRunId } = await caseContinuedAsNew();
      return [
        { workflowId, runId: firstRunId, file: 'case-workflow-continued-as-new.json' },
        { workflowId, file: 'case-workflow-after-continue-as-new.json' },
      ];
    },
  },
];
