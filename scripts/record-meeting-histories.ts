import { Client, Connection } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureTemporalCli } from '../libs/devstack/temporal-cli';

/**
 * Records the meeting and action-item workflow histories from a running stack into test/histories/, for the replay
 * test (the shared record-histories.ts records the other workflows). Start the stack with short clocks so the report and the action item fall due while this script waits:
 * `MEETING_REPORT_DUE_AFTER=2s MEETING_NOTICE_LEAD_TIME=2s npm start`, then `node dist/scripts/record-meeting-histories.js`.
 */
const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
const TEMPORAL = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

async function call(method: string, route: string, token?: string, body?: unknown): Promise<any> {
  const response = await fetch(`${API}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function login(username: string): Promise<string> {
  const { accessToken } = await call('POST', '/auth/token', undefined, { username, password: process.env.DEMO_PASSWORD ?? 'demo-password' });
  return accessToken;
}

async function waitFor(probe: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * An executive meeting through its whole life: notice (on time), outcome with one action item, report requested,
 * OVERDUE on its clock, submitted, returned, resubmitted, accepted; the workflow then completes. The action item falls
 * OVERDUE on its own clock and is closed with a note.
 */
async function meetingLifecycle(): Promise<{ meetingWorkflowId: string; actionItemWorkflowId: string }> {
  const sac = await login('ice.sac');
  const spp = await login('spp.team');
  const meeting = await call('POST', '/meetings', sac, {
    title: 'Recorded executive meeting', counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'EXECUTIVE',
    scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), deliverables: ['SMUGGLING_AND_TRAFFICKING'],
  });
  await call('POST', `/meetings/${meeting.id}/notification`, sac);
  const withOutcome = await call('POST', `/meetings/${meeting.id}/outcome`, sac, {
    heldAt: new Date().toISOString(), summary: 'Recorded outcome',
    actionItems: [{ description: 'Recorded follow-up', owner: 'Recorded working group', dueAt: new Date(Date.now() + 2000).toISOString() }],
  });
  const [item] = withOutcome.actionItems;
  await call('POST', `/meetings/${meeting.id}/report-request`, spp, {});
  await waitFor(async () => (await call('GET', `/meetings/${meeting.id}`, sac)).report === 'OVERDUE', 'the report to fall overdue');
  await call('POST', `/meetings/${meeting.id}/report`, sac, { body: 'Recorded report' });
  await call('POST', `/meetings/${meeting.id}/report/review`, spp, { decision: 'RETURN', comment: 'Recorded return' });
  await call('POST', `/meetings/${meeting.id}/report`, sac, { body: 'Recorded report, completed' });
  await call('POST', `/meetings/${meeting.id}/report/review`, spp, { decision: 'ACCEPT', comment: 'Recorded acceptance' });
  await waitFor(async () => (await call('GET', `/action-items/${item.id}`, spp)).status === 'OVERDUE', 'the action item to fall overdue');
  await call('POST', `/action-items/${item.id}/close`, spp, { note: 'Recorded close' });
  return { meetingWorkflowId: meeting.workflowId, actionItemWorkflowId: item.workflowId };
}

/** A meeting whose time passes without notice (MISSING, MEETING_NOTICE_LEAD_TIME short), then notified LATE, then held. */
async function missedNotice(): Promise<string> {
  const agent = await login('ice.agent');
  const meeting = await call('POST', '/meetings', agent, {
    title: 'Recorded missed notice', counterpartCountry: 'CA', counterpartAgencies: ['RCMP'], level: 'EXECUTIVE',
    scheduledAt: new Date(Date.now() + 3000).toISOString(),
  });
  await waitFor(async () => (await call('GET', `/meetings/${meeting.id}`, agent)).notification === 'MISSING', 'the notice to go missing');
  await call('POST', `/meetings/${meeting.id}/notification`, agent);
  await call('POST', `/meetings/${meeting.id}/outcome`, agent, { heldAt: new Date().toISOString(), summary: 'Recorded outcome' });
  return meeting.workflowId;
}

async function main(): Promise<void> {
  const { meetingWorkflowId, actionItemWorkflowId } = await meetingLifecycle();
  const missedWorkflowId = await missedNotice();
  const connection = await Connection.connect({ address: TEMPORAL });
  const client = new Client({ connection });
  const cli = await ensureTemporalCli((line) => console.log(line));
  const recordings = [
    [meetingWorkflowId, 'meeting-workflow-lifecycle.json'], [actionItemWorkflowId, 'action-item-workflow-overdue-closed.json'],
    [missedWorkflowId, 'meeting-workflow-missing-then-late.json'],
  ];
  for (const [workflowId, file] of recordings) {
    await client.workflow.getHandle(workflowId).result();
    // The CLI's JSON is the format Worker.runReplayHistories reads (and the Temporal UI downloads).
    const json = execFileSync(cli, ['workflow', 'show', '--address', TEMPORAL, '--workflow-id', workflowId, '--output', 'json'], { encoding: 'utf8' });
    const target = path.resolve(__dirname, '../../test/histories', file);
    await writeFile(target, json);
    console.log(`recorded ${JSON.parse(json).events.length} events into ${target}`);
  }
  await connection.close();
}

main().catch((error) => { console.error(error); process.exit(1); });
