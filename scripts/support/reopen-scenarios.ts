import { waitActive } from './lifecycle-scenarios';
import { call, login, Scenario } from './recording';

const until = async (probe: () => Promise<boolean>, what: string): Promise<void> => {
  for (let i = 0; i < 120; i += 1) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/**
 * Issue 17 (patched 'hit-reopen'): a subject hit escalates (HIT_ESCALATION_AFTER=2s), is resolved, is reopened with a
 * reason, escalates again on a fresh clock and is resolved again; its workflow then waits for another reopen.
 */
async function hitReopened(): Promise<string> {
  const [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map(login));
  const email = `recorded-reopen-${Date.now()}@example.org`;
  const first = await call('POST', '/cases', ice, { title: 'Recorded reopen (ICE)', category: 'OTHER', identifiers: [{ type: 'EMAIL', value: email }] });
  await waitActive(first.id, ice);
  const second = await call('POST', '/cases', atf, { title: 'Recorded reopen (ATF)', category: 'OTHER', identifiers: [{ type: 'EMAIL', value: email }] });
  await waitActive(second.id, atf);
  const [hit] = (await call('GET', `/cases/${second.id}/hits`, atf)).items;
  const escalated = async () => (await call('GET', `/deconfliction/hits/${hit.id}`, coordinator)).status === 'ESCALATED';
  await until(escalated, 'the first escalation');
  await call('POST', `/deconfliction/hits/${hit.id}/resolve`, coordinator, { resolution: 'NO_CONFLICT', note: 'recorded' });
  await call('POST', `/deconfliction/hits/${hit.id}/reopen`, coordinator, { reason: 'recorded reopen' });
  await until(escalated, 'the escalation after the reopen');
  await call('POST', `/deconfliction/hits/${hit.id}/resolve`, coordinator, { resolution: 'PROCEED_INDEPENDENTLY', note: 'recorded again' });
  return `hit-${hit.id}`;
}

export const REOPEN_SCENARIOS: Scenario[] = [
  {
    name: 'hit-reopened', files: ['hit-workflow-reopened-escalated-resolved.json'],
    run: async () => [{ workflowId: await hitReopened(), file: 'hit-workflow-reopened-escalated-resolved.json', open: true }],
  },
];
