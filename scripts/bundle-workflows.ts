import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FAILURE_CONVERTER_PATH } from '../libs/temporal-codec/data-converter';

/** Bundling at build time lets the worker (and the replay test) start in a second instead of re-bundling. */
async function main(): Promise<void> {
  const started = Date.now();
  // Failures raised in workflows are encoded like the worker's own (libs/temporal-codec/failure-converter.ts).
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath: FAILURE_CONVERTER_PATH });
  const target = path.resolve(__dirname, '../workflow-bundle.js');
  await writeFile(target, code);
  console.log(`workflow bundle written to ${path.relative(process.cwd(), target)} in ${Date.now() - started} ms`);
}

main().catch((error) => { console.error(error); process.exit(1); });
