import { call, login, Scenario } from './recording';
import { waitActive } from './lifecycle-scenarios';

/**
 * Issue 20 (patched 'case-one-patch'): intake as one local activity with its referral child started, then a DTO
 * appended whose R2 referral starts through the together path; recorded open, as the case waits for its next message.
 */
async function onePatchCase(): Promise<string> {
  const ice = await login('ice.agent');
  const unique = Date.now() % 100_000_000;
  const created = await call('POST', '/cases', ice, {
    title: 'Recorded one-patch intake', category: 'ARMS_TRAFFICKING', flags: { portOfEntry: 'Nogales, AZ' },
    subjects: [{ kind: 'PERSON', fullName: `Recorded Courier ${unique}` }], firearms: [{ serialNumber: `OP${unique}` }],
  });
  await waitActive(created.id, ice);
  await call('POST', `/cases/${created.id}/subjects`, ice, { subjects: [{ kind: 'ORGANIZATION', name: `Recorded DTO ${unique}`, orgType: 'DTO' }] });
  return created.workflowId;
}

export const ONE_PATCH_SCENARIOS: Scenario[] = [
  {
    name: 'case-one-patch', files: ['case-workflow-one-patch.json'],
    run: async () => [{ workflowId: await onePatchCase(), file: 'case-workflow-one-patch.json', open: true }],
  },
];
