import type { seizureWorkflow } from '../../workflows/seizure/seizure.workflow';
import { hitStateQuery } from '../../libs/contracts/messages/hit';
import { hitWorkflowId } from '../../libs/contracts/workflows';
import { seizureWorkflowId } from '../../libs/contracts/workflows';
import { stubActivities } from './support/stub-activities';
import { expectFiredAfter, freshId, until } from './support/expectations';
import { useWorkflowWorker } from './support/worker';

const EVENT_CLOCK_MS = 1_000;

describe('seizureWorkflow: deconfliction and hit children', () => {
  const workers = useWorkflowWorker();

  it('starts one hit workflow per hit found, each escalating on its own clock after the seizure workflow ended', async () => {
    const seizureId = freshId();
    const hitIds = [freshId(), freshId()];
    const hits = hitIds.map((hitId) => ({ hitId, workflowId: hitWorkflowId(hitId), escalateAfterMs: EVENT_CLOCK_MS }));
    const { activities, recorder } = stubActivities({ deconflictSeizure: async () => ({ hits }) });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const startedAt = Date.now();
      const handle = await client.workflow.start<typeof seizureWorkflow>('seizureWorkflow', {
        taskQueue, workflowId: seizureWorkflowId(seizureId), args: [{ seizureId }],
      });
      expect(await handle.result()).toEqual({ seizureId, hits: 2 });
      expect(recorder.named('deconflictSeizure').map((c) => c.args)).toEqual([[seizureId]]);
      for (const hitId of hitIds) {
        const hit = client.workflow.getHandle(hitWorkflowId(hitId));
        await until(() => hit.query(hitStateQuery), (s) => s.status === 'ESCALATED');
        expect((await hit.describe()).parentExecution?.workflowId).toBe(seizureWorkflowId(seizureId));
      }
      expect(recorder.named('escalateHit').map((c) => c.args[0]).sort()).toEqual([...hitIds].sort());
      for (const call of recorder.named('escalateHit')) expectFiredAfter(call.at, startedAt, EVENT_CLOCK_MS);
    });
  });

  it('a hit whose workflow already exists is recognised and skipped, never started again with a fresh clock', async () => {
    const hitId = freshId();
    const hits = [{ hitId, workflowId: hitWorkflowId(hitId), escalateAfterMs: 60_000 }];
    const { activities } = stubActivities({ deconflictSeizure: async () => ({ hits }) });
    await workers.run(activities, async ({ client, taskQueue }) => {
      const [first, second] = [freshId(), freshId()];
      for (const seizureId of [first, second]) {
        const handle = await client.workflow.start<typeof seizureWorkflow>('seizureWorkflow', {
          taskQueue, workflowId: seizureWorkflowId(seizureId), args: [{ seizureId }],
        });
        expect(await handle.result()).toEqual({ seizureId, hits: 1 });
      }
      // The one hit run is the first seizure's child.
      expect((await client.workflow.getHandle(hitWorkflowId(hitId)).describe()).parentExecution?.workflowId).toBe(seizureWorkflowId(first));
    });
  });
});
