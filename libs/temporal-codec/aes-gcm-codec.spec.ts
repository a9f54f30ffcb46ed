import { defaultPayloadConverter } from '@temporalio/common';
import { generatePayloadCodecKeys, loadPayloadCodecKeys } from '../config/codec-config';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, encryptedKeyId } from './aes-gcm-codec';

const keysFor = (list: string, current?: string) =>
  loadPayloadCodecKeys({ PAYLOAD_CODEC_KEYS: list, ...(current ? { PAYLOAD_CODEC_KEY_ID: current } : {}) });

describe('AesGcmPayloadCodec', () => {
  const first = generatePayloadCodecKeys('k1');
  const second = generatePayloadCodecKeys('k2');
  const value = { phone: '+15205550143', actor: 'ice.agent' };
  const plain = defaultPayloadConverter.toPayload(value);

  it('encrypts the whole payload under the current key and decodes it back', async () => {
    const codec = new AesGcmPayloadCodec(keysFor(`${first},${second}`, 'k2'));
    const [sealed] = await codec.encode([plain]);
    expect(Buffer.from(sealed.metadata!.encoding).toString()).toBe(ENCRYPTED_ENCODING);
    expect(encryptedKeyId(sealed)).toBe('k2');
    expect(Buffer.from(sealed.data!).toString('latin1')).not.toContain('5205550143');
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual(value);
  });

  it('decodes with any known key after rotation, and fails without the key', async () => {
    const [sealed] = await new AesGcmPayloadCodec(keysFor(first)).encode([plain]);
    const rotated = new AesGcmPayloadCodec(keysFor(`${second},${first}`));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([sealed]))[0])).toEqual(value);
    await expect(new AesGcmPayloadCodec(keysFor(second)).decode([sealed])).rejects.toThrow(/No payload codec key with id "k1"/);
  });

  it('refuses a tampered payload and passes unencrypted payloads through', async () => {
    const codec = new AesGcmPayloadCodec(keysFor(first));
    const [sealed] = await codec.encode([plain]);
    const data = Buffer.from(sealed.data!);
    data[20] ^= 1;
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(/failed authentication/);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it.each([
    ['k1:short', /must be 32 bytes/],
    ['nocolon', /id:base64key pairs/],
    [`${'k1:' + Buffer.alloc(32).toString('base64')},${'k1:' + Buffer.alloc(32).toString('base64')}`, /listed twice/],
  ])('refuses PAYLOAD_CODEC_KEYS=%s', (list, error) => {
    expect(() => keysFor(list)).toThrow(error);
  });

  it('refuses a current key id that is not listed, and production without keys', () => {
    expect(() => keysFor(first, 'k9')).toThrow(/not in PAYLOAD_CODEC_KEYS/);
    expect(() => loadPayloadCodecKeys({ NODE_ENV: 'production' })).toThrow(/needs PAYLOAD_CODEC_KEYS/);
  });
});
