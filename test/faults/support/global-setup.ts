import { ensureTemporalCli } from '../../../libs/devstack/temporal-cli';

/** On a fresh machine the Temporal CLI is built once here, outside any test's timeout, with its progress shown. */
export default async function globalSetup(): Promise<void> {
  await ensureTemporalCli((line) => process.stdout.write(`[fault-stack] ${line}\n`));
}
