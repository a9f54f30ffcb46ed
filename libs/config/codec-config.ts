import { generateKeyList, KeyRing, loadKeyRing } from './key-list';

/** AES-256 keys by id, and the id new payloads are encrypted with. */
export type PayloadCodecKeys = KeyRing;

/** The id of the key generated into the data folder when no keys are configured. */
export const LOCAL_KEY_ID = 'local';

/**
 * Keys of the Temporal payload codec. `PAYLOAD_CODEC_KEYS` lists `id:base64key` pairs (32-byte keys), comma-separated;
 * `PAYLOAD_CODEC_KEY_ID` names the one new payloads are encrypted with (default: the first listed). Every listed key
 * decodes, so a key is rotated by adding the new one, making it current, and removing the old one only once no
 * history that needs it is kept. Without keys, development and tests use one generated into the data folder
 * (`temporal-payload-key`, shared by the API, the worker and the scripts of one checkout); production refuses.
 */
export function loadPayloadCodecKeys(env: NodeJS.ProcessEnv = process.env): PayloadCodecKeys {
  const ring = loadKeyRing('PAYLOAD_CODEC_KEYS', env, 'temporal-payload-key', LOCAL_KEY_ID);
  if (!env.PAYLOAD_CODEC_KEYS?.trim()) return ring;
  const currentKeyId = env.PAYLOAD_CODEC_KEY_ID?.trim() || ring.currentKeyId;
  if (!ring.keys.has(currentKeyId)) throw new Error(`PAYLOAD_CODEC_KEY_ID "${currentKeyId}" is not in PAYLOAD_CODEC_KEYS`);
  return { currentKeyId, keys: ring.keys };
}

/** A fresh `PAYLOAD_CODEC_KEYS` value of one random key (test stacks and benchmarks). */
export const generatePayloadCodecKeys = generateKeyList;

/**
 * Browser origins allowed to call the codec endpoint (the Temporal UI's): `CODEC_CORS_ORIGINS`, comma-separated;
 * by default the dev server's UI on `TEMPORAL_UI_PORT` (8233).
 */
export function codecCorsOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = env.CODEC_CORS_ORIGINS?.trim();
  if (listed) return listed.split(',').map((o) => o.trim()).filter(Boolean);
  const port = env.TEMPORAL_UI_PORT ?? '8233';
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}
