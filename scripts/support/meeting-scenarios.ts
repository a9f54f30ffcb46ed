import { call, login, Scenario, temporalClient, waitFor } from './recording';

/**
 * Meeting and action-item scenarios. Start the stack with short clocks so the report and the action item fall due
 * while they wait: `MEETING_REPORT_DUE_AFTER=2s MEETING_NOTICE_LEAD_TIME=2s`.
 */
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

/**
 * A report returned again and again until the server suggests continue-as-new (a low
 * `limit.historyCount.suggestContinueAsNew`, README), then accepted in the next run, which completes.
 */
async function meetingContinuedAsNew(): Promise<{ workflowId: string; firstRunId: string }> {
  const sac = await login('ice.sac');
  const spp = await login('spp.team');
  const meeting = await call('POST', '/meetings', sac, {
    title: 'Recorded long meeting', counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'EXECUTIVE',
    scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), deliverables: ['SMUGGLING_AND_TRAFFICKING'],
  });
  await call('POST', `/meetings/${meeting.id}/notification`, sac);
  await call('POST', `/meetings/${meeting.id}/outcome`, sac, { heldAt: new Date().toISOString(), summary: 'Recorded outcome' });
  await call('POST', `/meetings/${meeting.id}/report-request`, spp, {});
  const { client, close } = await temporalClient();
  try {
    const firstRunId = (await client.workflow.getHandle(meeting.workflowId).describe()).runId;
    const first = client.workflow.getHandle(meeting.workflowId, firstRunId);
    for (let i = 0; (await first.describe()).status.name !== 'CONTINUED_AS_NEW'; i += 1) {
      if (i >= 40) throw new Error('the meeting did not continue as new after 40 returns: lower limit.historyCount.suggestContinueAsNew');
      await call('POST', `/meetings/${meeting.id}/report`, sac, { body: `Recorded report ${i}` });
      await call('POST', `/meetings/${meeting.id}/report/review`, spp, { decision: 'RETURN', comment: `Recorded return ${i}` });
    }
    await call('POST', `/meetings/${meeting.id}/report`, sac, { body: 'Recorded report, final' });
    await call('POST', `/meetings/${meeting.id}/report/review`, spp, { decision: 'ACCEPT', comment: 'Recorded acceptance' });
    return { workflowId: meeting.workflowId, firstRunId };
  } finally {
    await close();
  }
}

/** Issue 18: a meeting with a report requested, then cancelled: both clocks are cancelled and the run ends. */
async function meetingCancelled(): Promise<string> {
  const sac = await login('ice.sac');
  const meeting = await call('POST', '/meetings', sac, {
    title: 'Recorded cancelled meeting', counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'EXECUTIVE',
    scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), deliverables: ['REPATRIATION'],
  });
  await call('POST', `/meetings/${meeting.id}/report-request`, await login('spp.team'), {});
  await call('POST', `/meetings/${meeting.id}/cancel`, sac, { reason: 'Recorded cancellation' });
  return meeting.workflowId;
}

/**
 * Issue 18: a meeting moved forward (the notification clock re-armed for the new time goes MISSING), then postponed
 * (the notice is owed again), notified on time and held.
 */
async function meetingRescheduled(): Promise<string> {
  const agent = await login('ice.agent');
  const meeting = await call('POST', '/meetings', agent, {
    title: 'Recorded rescheduled meeting', counterpartCountry: 'CA', counterpartAgencies: ['RCMP'], level: 'EXECUTIVE',
    scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  await call('POST', `/meetings/${meeting.id}/reschedule`, agent, { scheduledAt: new Date(Date.now() + 3000).toISOString(), reason: 'Recorded move' });
  await waitFor(async () => (await call('GET', `/meetings/${meeting.id}`, agent)).notification === 'MISSING', 'the notice to go missing');
  await call('POST', `/meetings/${meeting.id}/reschedule`, agent, { scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), reason: 'Recorded postponement' });
  await call('POST', `/meetings/${meeting.id}/notification`, agent);
  await call('POST', `/meetings/${meeting.id}/outcome`, agent, { heldAt: new Date().toISOString(), summary: 'Recorded outcome' });
  return meeting.workflowId;
}

export const MEETING_SCENARIOS: Scenario[] = [
  {
    name: 'meeting', files: ['meeting-workflow-lifecycle.json', 'action-item-workflow-overdue-closed.json'],
    run: async () => {
      const { meetingWorkflowId, actionItemWorkflowId } = await meetingLifecycle();
      return [
        { workflowId: meetingWorkflowId, file: 'meeting-workflow-lifecycle.json' },
        { workflowId: actionItemWorkflowId, file: 'action-item-workflow-overdue-closed.json' },
      ];
    },
  },
  {
    name: 'meeting-missed-notice', files: ['meeting-workflow-missing-then-late.json'],
    run: async () => [{ workflowId: await missedNotice(), file: 'meeting-workflow-missing-then-late.json' }],
  },
  {
    name: 'meeting-continue-as-new', files: ['meeting-workflow-continued-as-new.json', 'meeting-workflow-after-continue-as-new.json'],
    run: async () => {
      const { workflowId, firstRunId } = await meetingContinuedAsNew();
      return [
        { workflowId, runId: firstRunId, file: 'meeting-workflow-continued-as-new.json' },
        { workflowId, file: 'meeting-workflow-after-continue-as-new.json' },
      ];
    },
  },
  {
    name: 'meeting-cancelled', files: ['meeting-workflow-cancelled.json'],
    run: async () => [{ workflowId: await meetingCancelled(), file: 'meeting-workflow-cancelled.json' }],
  },
  {
    name: 'meeting-rescheduled', files: ['meeting-workflow-rescheduled.json'],
    run: async () => [{ workflowId: await meetingRescheduled(), file: 'meeting-workflow-rescheduled.json' }],
  },
];
