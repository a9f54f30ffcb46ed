import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces (which can quote values: a database error, a refused input) travel as an
 * encoded payload, so the payload codec encrypts them too; clients decode them back with the codec alone. Loaded by
 * path (`failureConverterPath`) because it also runs inside the workflow sandbox: bundled, no Node built-ins.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
