import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, Payload, PayloadCodec, ValueError } from '@temporalio/common';
import type { PayloadCodecKeys } from '../config/codec-config';

/** The encoding Temporal's samples and codec servers use for encrypted payloads. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The whole original payload (its metadata says how to read its data), as the plaintext that gets encrypted. */
interface Envelope { metadata: Record<string, string>; data: string }

const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('utf8');

/** Which key an encrypted payload names; undefined for a payload this codec did not encrypt. */
export function encryptedKeyId(payload: Payload): string | undefined {
  if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return undefined;
  return text(payload.metadata?.[KEY_ID_METADATA]);
}

/**
 * AES-256-GCM over each whole payload, so neither values nor their original encoding reach the Temporal server. The
 * key id travels in the payload's metadata (and is authenticated as associated data): encoding uses the current key,
 * decoding any known one, so keys rotate without re-encrypting histories. Payloads without the encrypted encoding
 * (histories recorded before encryption) pass through untouched.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadCodecKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  encrypt(payload: Payload): Payload {
    const keyId = this.keys.currentKeyId;
    const envelope: Envelope = {
      metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(payload.data ?? []).toString('base64'),
    };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(Buffer.from(keyId));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(envelope), 'utf8'), cipher.final()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(keyId) },
      data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
    };
  }

  decrypt(payload: Payload): Payload {
    const keyId = encryptedKeyId(payload);
    if (keyId === undefined) return payload;
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError('Encrypted payload is too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: string;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new ValueError(`Encrypted payload failed authentication with key "${keyId}"`);
    }
    const envelope = JSON.parse(plain) as Envelope;
    return {
      metadata: Object.fromEntries(Object.entries(envelope.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
      data: Buffer.from(envelope.data, 'base64'),
    };
  }

  private key(keyId: string): Buffer {
    const key = this.keys.keys.get(keyId);
    if (!key) throw new ValueError(`No payload codec key with id "${keyId}" (PAYLOAD_CODEC_KEYS)`);
    return key;
  }
}
