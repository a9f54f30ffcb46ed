import type { DataConverter } from '@temporalio/common';
import { loadPayloadCodecKeys } from '../config/codec-config';
import { AesGcmPayloadCodec } from './aes-gcm-codec';

/** The codec every Temporal client and worker of this system uses, with keys from the given environment. */
export function payloadCodecFromEnv(env: NodeJS.ProcessEnv = process.env): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(loadPayloadCodecKeys(env));
}

/** `dataConverter` for `new Client`, `Worker.create` and the like: payloads are encrypted before they leave the process. */
export function encryptingDataConverter(codec: AesGcmPayloadCodec = payloadCodecFromEnv()): DataConverter {
  return { payloadCodecs: [codec] };
}
