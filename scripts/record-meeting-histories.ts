import { call, login, recordHistories } from './support/recording';

/**
 * Records the meeting and action-item workflow histories from a running stack into test/histories/, for the replay
 * test (the shared record-histories.ts records the other workflows). Start the stack with short clocks so the report and the action item fall due while this script waits:
 * `MEETING_REPORT_DUE_AFTER=2s MEETING_NOTICE_LEAD_TIME=2s npm start`, then `node dist/scripts/record-meeting-histories.js`.
 */
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
  await recordHistories([
    [meetingWorkflowId, 'meeting-workflow-lifecycle.json'], [actionItemWorkflowId, 'action-item-workflow-overdue-closed.json'],
    [missedWorkflowId, 'meeting-workflow-missing-then-late.json'],
  ]);
}

main().catch((error) => { console.error(error); process.exit(1); });
