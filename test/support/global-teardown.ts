import { rm } from 'node:fs/promises';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AppProcesses } from '../../libs/devstack/app-processes';
import type { EmbeddedPostgresHandle } from '../../libs/devstack/embedded-postgres';
import { readStack, STACK_FILE } from './stack';

export default async function globalTeardown(): Promise<void> {
  type Stack = { pg: EmbeddedPostgresHandle; temporal: TestWorkflowEnvironment; app: AppProcesses; clockApp?: Promise<AppProcesses> };
  const stack = (globalThis as { __CASECOORD_STACK__?: Stack }).__CASECOORD_STACK__;
  if (!stack) return;
  const { root } = readStack();
  // The clock pair may still be booting (or have failed, having stopped itself then).
  await Promise.all([stack.app.stop(), stack.clockApp?.then((pair) => pair.stop(), () => undefined)]);
  await stack.temporal.teardown();
  await stack.pg.stop();
  await rm(root, { recursive: true, force: true });
  await rm(STACK_FILE, { force: true });
}
