import { Client, WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { caseWorkflow } from '../../workflows/case/case.workflow';
import { appendToCaseUpdate, caseStateQuery, closeCaseUpdate } from '../../libs/contracts/messages/case';
import { hitStateQuery } from '../../libs/contracts/messages/hit';
import type { AppendRequest, CaseStatus, CloseRequest } from '../../libs/contracts/case-items';
import { caseWorkflowId, hitWorkflowId, referralWorkflowId } from '../../libs/contracts/workflows';
import { traceWorkflowId } from '../../libs/contracts/workflows';
import { stubActivities } from './support/stub-activities';
import { ACTOR, expectFiredAfter, failureOf, freshId, sleep, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const HIT_CLOCK_MS = 1_000;
const CLOSE: CloseRequest = { actor: ACTOR, outcome: 'closed after the joint operation', result: 'ARREST' };
const subjects = (): AppendRequest => ({
  actor: ACTOR, append: { kind: 'subjects', items: [{ id: freshId(), kind: 'ORGANIZATION', name: 'Los Primos', orgType: 'DTO' }] },
});
const identifiers = (): AppendRequest => ({
  actor: ACTOR, append: { kind: 'identifiers', items: [{ id: freshId(), type: 'PHONE', value: '+525512345678' }] },
});

/** Starts the case's workflow as the API does (a run continued as new carries its status). */
const startCase = (client: Client, taskQueue: string, caseId: string, status?: CaseStatus) => client.workflow.start<typeof caseWorkflow>(
  'caseWorkflow', { taskQueue, workflowId: caseWorkflowId(caseId), args: [status ? { caseId, status } : { caseId }] },
);

describe('caseWorkflow: intake, appends, close and the children it starts', () => {
  const workers = useWorkflowWorker();

  it('intake deconflicts and evaluates the rules, then starts hit, referral and trace children that outlive the case', async () => {
    const caseId = freshId();
    const [hitId, referralId, traceId] = [freshId(), freshId(), freshId()];
    const { activities, recorder } = stubActivities({
      deconflictCaseItems: async () => ({ hits: [{ hitId, workflowId: hitWorkflowId(hitId), escalateAfterMs: HIT_CLOCK_MS }] }),
      evaluateReferrals: async () => ({
        referrals: [{ referralId, workflowId: referralWorkflowId(referralId), ackDueAfterMs: 60_000, rule: 'R3' }],
        traces: [{ traceId, workflowId: traceWorkflowId(traceId), dueAt: new Date(Date.now() + 60_000).toISOString() }],
      }),
    });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const startedAt = Date.now();
      const handle = await startCase(client, taskQueue, caseId);
      await until(() => handle.query(caseStateQuery), (s) => s.status === 'ACTIVE');
      // One local activity runs intake's steps (issue 20); the case turns ACTIVE once its children have started. The
      // referral child's own first step (marking its row started) runs on the same worker, in its own time.
      const caseSteps = recorder.calls.filter((c) => c.name !== 'markReferralWorkflowStarted');
      expect(caseSteps.map((c) => [c.name, ...c.args])).toEqual([
        ['intakeCase', caseId], ['markCaseStatus', caseId, 'DECONFLICTION'], ['deconflictCaseItems', caseId, null],
        ['evaluateReferrals', caseId], ['traceOwnCaseFirearms', caseId], ['markCaseStatus', caseId, 'ACTIVE'],
      ]);
      const children = [
        [hitWorkflowId(hitId), 'hitWorkflow'], [referralWorkflowId(referralId), 'referralWorkflow'],
        [traceWorkflowId(traceId), 'traceWorkflow'],
      ];
      for (const [workflowId, type] of children) {
        const child = await client.workflow.getHandle(workflowId).describe();
        expect([child.type, child.parentExecution?.workflowId]).toEqual([type, caseWorkflowId(caseId)]);
      }
      const marked = await until(async () => recorder.named('markReferralWorkflowStarted').map((c) => c.args), (calls) => calls.length > 0);
      expect(marked).toEqual([[referralId]]);

      expect(await handle.executeUpdate(closeCaseUpdate, { args: [CLOSE] }))
        .toMatchObject({ caseId, status: 'CLOSED', outcome: CLOSE.outcome });
      expect(await handle.result()).toEqual({ caseId, status: 'CLOSED', appendsApplied: 0 });
      // The hit's clock runs on in its own workflow (parent close policy ABANDON).
      await until(() => client.workflow.getHandle(hitWorkflowId(hitId)).query(hitStateQuery), (s) => s.status === 'ESCALATED');
      expectFiredAfter(recorder.named('escalateHit')[0]?.at, startedAt, HIT_CLOCK_MS);
    });
  });

  it('appends run one at a time; only a new subject re-evaluates the referral rules', async () => {
    const caseId = freshId();
    // A slow write: the second append arrives while the first is still in its steps.
    const { activities, recorder } = stubActivities({
      appendCaseItems: async (id, request) => {
        await sleep(300);
        const itemIds = request.append.items.map((item) => item.id);
        return { caseId: id, kind: request.append.kind, added: itemIds.length, itemIds };
      },
    });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startCase(client, taskQueue, caseId);
      const [subjectAppend, identifierAppend] = [subjects(), identifiers()];
      const first = await handle.startUpdate(appendToCaseUpdate, { args: [subjectAppend], waitForStage: WorkflowUpdateStage.ACCEPTED });
      const results = await Promise.all([first.result(), handle.executeUpdate(appendToCaseUpdate, { args: [identifierAppend] })]);
      const itemIds = [subjectAppend, identifierAppend].map((r) => r.append.items.map((item) => item.id));
      expect(results).toEqual([
        { caseId, kind: 'subjects', added: 1, itemIds: itemIds[0] }, { caseId, kind: 'identifiers', added: 1, itemIds: itemIds[1] },
      ]);
      expect(await handle.query(caseStateQuery)).toEqual({ caseId, status: 'ACTIVE', appendsApplied: 2 });
      const afterIntake = recorder.calls.slice(6).map((c) => [c.name, ...c.args.slice(1)]);
      expect(afterIntake).toEqual([
        ['appendCaseItems', subjectAppend], ['deconflictCaseItems', itemIds[0]], ['evaluateReferrals'],
        ['appendCaseItems', identifierAppend], ['deconflictCaseItems', itemIds[1]],
      ]);
    });
  });

  it('a close the activity blocks is refused with CLOSE_BLOCKED and its blockers; the case stays ACTIVE', async () => {
    const caseId = freshId();
    const { activities } = stubActivities({
      closeCase: async () => {
        throw ApplicationFailure.create({
          message: 'the case cannot close while 1 hit is open', type: 'CLOSE_BLOCKED', nonRetryable: true, details: [['1 hit is open']],
        });
      },
    });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startCase(client, taskQueue, caseId);
      const refusal = await failureOf(handle.executeUpdate(closeCaseUpdate, { args: [CLOSE] }));
      expect([refusal.type, refusal.details]).toEqual(['CLOSE_BLOCKED', [['1 hit is open']]]);
      expect(await handle.query(caseStateQuery)).toEqual({ caseId, status: 'ACTIVE', appendsApplied: 0 });
    });
  });

  it('an append queued behind the close is refused with CASE_CLOSED once the case is closed', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const caseId = freshId();
    const { activities, recorder } = stubActivities({
      closeCase: async (id, request) => {
        await gate;
        const closedAt = new Date().toISOString();
        return { caseId: id, status: 'CLOSED', outcome: request.outcome, result: request.result ?? null, closedAt };
      },
    });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startCase(client, taskQueue, caseId);
      const close = handle.executeUpdate(closeCaseUpdate, { args: [CLOSE] });
      await until(async () => recorder.named('closeCase').length, (n) => n === 1);
      // Accepted by the validator while the case is still ACTIVE, then queued behind the close.
      const accepted = await handle.startUpdate(appendToCaseUpdate, { args: [subjects()], waitForStage: WorkflowUpdateStage.ACCEPTED });
      const append = failureOf(accepted.result());
      release();
      await close;
      const refusal = await append;
      expect([refusal.type, refusal.message]).toEqual(['CASE_CLOSED', 'the case is closed']);
      expect(await handle.result()).toEqual({ caseId, status: 'CLOSED', appendsApplied: 0 });
      expect(recorder.named('appendCaseItems')).toHaveLength(0);
    });
  });

  it('a run continued as new with ACTIVE skips intake and takes appends at once', async () => {
    const caseId = freshId();
    const { activities, recorder } = stubActivities();
    await workers.run(activities, async ({ client, taskQueue }) => {
      const handle = await startCase(client, taskQueue, caseId, 'ACTIVE');
      await handle.executeUpdate(appendToCaseUpdate, { args: [identifiers()] });
      expect(recorder.names()).toEqual(['appendCaseItems', 'deconflictCaseItems']);
      expect(await handle.query(caseStateQuery)).toEqual({ caseId, status: 'ACTIVE', appendsApplied: 1 });
    });
  });
});
