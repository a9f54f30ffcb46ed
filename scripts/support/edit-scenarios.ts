import { call, login, Scenario, waitFor, waitReferralStarted } from './recording';
import { waitActive } from './lifecycle-scenarios';

/**
 * Branches of issue 18: a case edited through its workflow (a title, then a port of entry that raises R1 to CBP), and
 * a domestic-sale case of the firearms agency, which traces its own firearms at intake and when one is appended.
 */
const unique = (): string => `${Date.now() % 100_000_000}${Math.floor(Math.random() * 1000)}`;

/** ICE edits its case twice; the port of entry raises R1, which CBP accepts so the case can close. */
async function editedCase(): Promise<string> {
  const ice = await login('ice.agent');
  const cbp = await login('cbp.officer');
  const created = await call('POST', '/cases', ice, { title: 'Recorded edit', category: 'OTHER' });
  await waitActive(created.id, ice);
  await call('PATCH', `/cases/${created.id}`, ice, { title: 'Recorded edit (renamed)' });
  const edited = await call('PATCH', `/cases/${created.id}`, ice, { flags: { portOfEntry: 'San Ysidro, CA' } });
  const r1 = edited.referrals.find((r: { rule: string }) => r.rule === 'R1');
  if (!r1) throw new Error('the edit raised no R1 referral');
  await waitReferralStarted(r1.id, cbp);
  await call('POST', `/referrals/${r1.id}/accept`, cbp, { note: 'recorded' });
  await call('POST', `/cases/${created.id}/close`, ice, { outcome: 'recorded' });
  return created.workflowId;
}

/** ATF's own domestic-sale case: a trace per firearm, from intake and from an append, with no referral. */
async function selfTracedCase(): Promise<string> {
  const atf = await login('atf.agent');
  const serials = [`SELF${unique()}`, `SELF${unique()}B`];
  const created = await call('POST', '/cases', atf, {
    title: 'Recorded self-traced case', category: 'ARMS_TRAFFICKING', flags: { domesticSale: true },
    firearms: [{ serialNumber: serials[0] }],
  });
  await waitActive(created.id, atf);
  await call('POST', `/cases/${created.id}/firearms`, atf, { firearms: [{ serialNumber: serials[1] }] });
  const traced = async () => (await call('GET', '/traces?limit=100', atf)).items
    .filter((t: { serialNumber: string }) => serials.includes(t.serialNumber)).length;
  await waitFor(async () => (await traced()) === 2, 'two self traces');
  await call('POST', `/cases/${created.id}/close`, atf, { outcome: 'recorded' });
  return created.workflowId;
}

export const EDIT_SCENARIOS: Scenario[] = [
  {
    name: 'case-edit', files: ['case-workflow-edited-flags-raise-r1.json'],
    run: async () => [{ workflowId: await editedCase(), file: 'case-workflow-edited-flags-raise-r1.json' }],
  },
  {
    name: 'case-self-traces', files: ['case-workflow-self-traced-firearms.json'],
    run: async () => [{ workflowId: await selfTracedCase(), file: 'case-workflow-self-traced-firearms.json' }],
  },
];
