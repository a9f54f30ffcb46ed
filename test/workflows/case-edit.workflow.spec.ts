import { Client, WorkflowUpdateStage } from '@temporalio/client';
import type { caseWorkflow } from '../../workflows/case/case.workflow';
import { appendToCaseUpdate, caseStateQuery, closeCaseUpdate, editCaseUpdate } from '../../libs/contracts/messages/case';
import type { EditRequest } from '../../libs/contracts/case-items';
import { caseWorkflowId, referralWorkflowId, traceWorkflowId } from '../../libs/contracts/workflows';
import { stubActivities } from './support/stub-activities';
import { ACTOR, failureOf, freshId, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const startCase = (client: Client, taskQueue: string, caseId: string) => client.workflow.start<typeof caseWorkflow>(
  'caseWorkflow', { taskQueue, workflowId: caseWorkflowId(caseId), args: [{ caseId }] },
);
const edit = (fields: EditRequest['edit']): EditRequest => ({ actor: ACTOR, edit: fields });
// intakeCase, the four steps it runs, then ACTIVE (issue 20).
const INTAKE_STEPS = 6;

describe('caseWorkflow: edits (PATCH /cases/:id) and the firearms a case traces itself', () => {
  const workers = useWorkflowWorker();

  it('an edit with flags runs the rules again and starts the referrals and traces they answer; one without flags does not', async () => {
    const caseId = freshId();
    const [referralId, traceId] = [freshId(), freshId()];
    let flagsSent = false;
    const { activities, recorder } = stubActivities({
      editCase: async (id, request) => {
        flagsSent ||= request.edit.flags !== undefined;
        return { caseId: id, changed: Object.keys(request.edit) };
      },
      // Before the edit the rules raise nothing; after it, R1 and a trace of the case's own firearm.
      evaluateReferrals: async () => ({
        referrals: flagsSent ? [{ referralId, workflowId: referralWorkflowId(referralId), ackDueAfterMs: 60_000, rule: 'R1' }] : [],
        traces: [],
      }),
      traceOwnCaseFirearms: async () => (flagsSent
        ? [{ traceId, workflowId: traceWorkflowId(traceId), dueAt: new Date(Date.now() + 60_000).toISOString() }] : []),
    });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startCase(client, taskQueue, caseId);
      await until(() => handle.query(caseStateQuery), (s) => s.status === 'ACTIVE');

      const titled = edit({ title: 'Renamed' });
      expect(await handle.executeUpdate(editCaseUpdate, { args: [titled] })).toEqual({ caseId, changed: ['title'] });
      const flagged = edit({ flags: { portOfEntry: 'Nogales, AZ', domesticSale: true } });
      expect(await handle.executeUpdate(editCaseUpdate, { args: [flagged] })).toEqual({ caseId, changed: ['flags'] });

      // Without the referral child's own first step (marking its row started), which runs in its own time.
      const caseSteps = recorder.calls.filter((c) => c.name !== 'markReferralWorkflowStarted');
      expect(caseSteps.slice(INTAKE_STEPS).map((c) => [c.name, ...c.args])).toEqual([
        ['editCase', caseId, titled], ['editCase', caseId, flagged], ['evaluateReferrals', caseId], ['traceOwnCaseFirearms', caseId],
      ]);
      for (const [workflowId, type] of [[referralWorkflowId(referralId), 'referralWorkflow'], [traceWorkflowId(traceId), 'traceWorkflow']]) {
        const child = await client.workflow.getHandle(workflowId).describe();
        expect([child.type, child.parentExecution?.workflowId]).toEqual([type, caseWorkflowId(caseId)]);
      }
      // Edits are not appends.
      expect(await handle.query(caseStateQuery)).toEqual({ caseId, status: 'ACTIVE', appendsApplied: 0 });
    });
  });

  it('a firearm append asks whether the case traces its own firearms; an identifier append does not', async () => {
    const caseId = freshId();
    const { activities, recorder } = stubActivities();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startCase(client, taskQueue, caseId);
      await handle.executeUpdate(appendToCaseUpdate, {
        args: [{ actor: ACTOR, append: { kind: 'identifiers', items: [{ id: freshId(), type: 'EMAIL', value: 'a@example.org' }] } }],
      });
      await handle.executeUpdate(appendToCaseUpdate, {
        args: [{ actor: ACTOR, append: { kind: 'firearms', items: [{ id: freshId(), serialNumber: 'SELF0001' }] } }],
      });
      expect(recorder.names().slice(INTAKE_STEPS)).toEqual([
        'appendCaseItems', 'deconflictCaseItems',
        'appendCaseItems', 'deconflictCaseItems', 'evaluateReferrals', 'traceOwnCaseFirearms',
      ]);
    });
  });

  it('an edit queued behind the close is refused with CASE_CLOSED and reaches no activity', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const caseId = freshId();
    const { activities, recorder } = stubActivities({
      closeCase: async (id, request) => {
        await gate;
        return { caseId: id, status: 'CLOSED', outcome: request.outcome, result: null, closedAt: new Date().toISOString() };
      },
    });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startCase(client, taskQueue, caseId);
      const close = handle.executeUpdate(closeCaseUpdate, { args: [{ actor: ACTOR, outcome: 'done' }] });
      await until(async () => recorder.named('closeCase').length, (n) => n === 1);
      // Accepted while the case is still ACTIVE, then queued behind the close.
      const accepted = await handle.startUpdate(editCaseUpdate, { args: [edit({ title: 'Too late' })], waitForStage: WorkflowUpdateStage.ACCEPTED });
      const refused = failureOf(accepted.result());
      release();
      await close;
      const refusal = await refused;
      expect([refusal.type, refusal.message]).toEqual(['CASE_CLOSED', 'the case is closed']);
      expect(recorder.named('editCase')).toHaveLength(0);
    });
  });
});
