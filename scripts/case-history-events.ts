import { temporal } from '@temporalio/proto';
import { caseWorkflowId, referralWorkflowId } from '../libs/contracts/workflows';
import { call, login, temporalClient } from './support/recording';
import { waitActive } from './support/lifecycle-scenarios';

/**
 * Issue 20: the history events one case of `npm run bench:intake`'s shape costs, by type, for the case's workflow and
 * the referral child its port of entry raises. Against a running stack (API_URL, TEMPORAL_ADDRESS, as the recording
 * scripts): `npm run build && node dist/scripts/case-history-events.js`.
 */
async function main(): Promise<void> {
  const token = await login('ice.agent');
  const unique = Date.now() % 10_000_000;
  const created = (await call('POST', '/cases', token, {
    title: 'History events per case', category: 'ARMS_TRAFFICKING', flags: { portOfEntry: 'Nogales, AZ' },
    subjects: [{ kind: 'PERSON', fullName: `Qxv${unique} Zyw`, dateOfBirth: '1950-01-01' }],
    identifiers: [{ type: 'PHONE', value: `+1520${String(unique).padStart(7, '0')}` }],
    firearms: [{ serialNumber: `HX${unique}` }],
  })) as { id: string };
  await waitActive(created.id, token);
  const { items: referrals } = (await call('GET', `/cases/${created.id}/referrals`, token)) as { items: { id: string }[] };
  const { client, close } = await temporalClient();
  try {
    for (const workflowId of [caseWorkflowId(created.id), ...referrals.map((r) => referralWorkflowId(r.id))]) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const events = history.events ?? [];
      const byType = new Map<string, number>();
      for (const event of events) {
        const type = String(temporal.api.enums.v1.EventType[event.eventType ?? 0]).replace(/^EVENT_TYPE_/, '');
        byType.set(type, (byType.get(type) ?? 0) + 1);
      }
      const bytes = events.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
      console.log(`${workflowId}: ${events.length} events (${bytes} characters as JSON)`);
      for (const [type, count] of [...byType].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(3)} ${type}`);
    }
  } finally {
    await close();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
