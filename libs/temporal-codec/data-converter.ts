import type { DataConverter } from '@temporalio/common';
import { loadPayloadCodecKeys } from '../config/codec-config';
import { AesGcmPayloadCodec } from './aes-gcm-codec';

/** The codec every Temporal client and worker of this system uses, with keys from the given environment. */
export function payloadCodecFromEnv(env: NodeJS.ProcessEnv = process.env): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(loadPayloadCodecKeys(env));
}

/** The failure converter's module, for the worker and the workflow bundle (bundleWorkflowCode's failureConverterPath). */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * `dataConverter` for `new Client`, `Worker.create` and the like: payloads, and failure messages and stack traces,
 * are encrypted before they leave the process.
 */
export function encryptingDataConverter(codec: AesGcmPayloadCodec = payloadCodecFromEnv()): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}
