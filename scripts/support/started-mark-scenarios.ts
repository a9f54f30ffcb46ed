import { call, login, Scenario, waitReferralStarted } from './recording';
import { waitActive } from './lifecycle-scenarios';

/**
 * Patched 'referral-marks-started': the referral workflow's first step marks its row started (a local activity), so
 * the receiving inbox lists it and its steps are taken. An R2 referral, marked, then acknowledged and declined by DEA.
 */
async function markedThenDeclined(): Promise<string> {
  const ice = await login('ice.agent');
  const dea = await login('dea.agent');
  const created = await call('POST', '/cases', ice, { title: 'Recorded referral marked started', category: 'OTHER', flags: { cartelLink: true } });
  await waitActive(created.id, ice);
  const r2 = (await call('GET', `/cases/${created.id}/referrals`, ice)).items.find((r: { rule: string }) => r.rule === 'R2');
  if (!r2) throw new Error('the case drew no R2 referral');
  await waitReferralStarted(r2.id, dea);
  await call('POST', `/referrals/${r2.id}/acknowledge`, dea);
  const declined = await call('POST', `/referrals/${r2.id}/decline`, dea, { reason: 'recorded' });
  if (declined.status !== 'DECLINED') throw new Error(`the referral is ${declined.status}`);
  return `referral-${r2.id}`;
}

export const STARTED_MARK_SCENARIOS: Scenario[] = [
  {
    name: 'referral-marks-started', files: ['referral-workflow-marks-started-declined.json'],
    run: async () => [{ workflowId: await markedThenDeclined(), file: 'referral-workflow-marks-started-declined.json' }],
  },
];
