import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const HISTORIES = path.resolve(__dirname, '../histories');
const BUNDLE = path.resolve(__dirname, '../../dist/workflow-bundle.js');

/** Recorded histories (npm run record:histories) must replay on the current workflow code without nondeterminism. */
describe('workflow replay', () => {
  const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s', async (file) => {
    const history = JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'));
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: BUNDLE } }, [{ workflowId: file, history }]);
    for await (const result of results) {
      expect(result.error).toBeUndefined();
    }
  });
});
