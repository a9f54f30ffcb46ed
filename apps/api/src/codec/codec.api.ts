import { Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import type { AuthUser } from '../../../../libs/auth/roles';
import { AesGcmPayloadCodec, encryptedKeyId } from '../../../../libs/temporal-codec/aes-gcm-codec';
import { ApiError, fieldError } from '../common/api-error';
import { M } from '../common/messages';
import { CodecPayloadDto, CodecPayloadsDto } from './dto/codec.dto';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function fromJson(payload: CodecPayloadDto, index: number): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    if (typeof value !== 'string' || !BASE64.test(value)) {
      throw fieldError(`payloads[${index}].metadata.${key}`, 'must be a base64 string', 'debe ser una cadena base64');
    }
    metadata[key] = Buffer.from(value, 'base64');
  }
  return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
}

const toJson = (payload: Payload): CodecPayloadDto => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

/**
 * The Temporal codec-server protocol over this system's payload codec, for the Temporal UI and CLI. Decoding hands
 * out plaintext of every agency's workflows, so each call is audited (who, how many payloads, under which keys)
 * before anything is answered.
 */
@Injectable()
export class CodecApi {
  constructor(private readonly codec: AesGcmPayloadCodec, private readonly audit: AuditStore) {}

  async decode(user: AuthUser, body: CodecPayloadsDto, namespace: string | undefined): Promise<CodecPayloadsDto> {
    const payloads = body.payloads.map(fromJson);
    const keyIds = [...new Set(payloads.map(encryptedKeyId).filter((id): id is string => id !== undefined))];
    const decoded = payloads.map((payload, index) => {
      try {
        return this.codec.decrypt(payload);
      } catch {
        throw new ApiError('ValidationFailed', M.codecPayloadUndecodable, { index });
      }
    });
    await this.record(user, 'codec.decode', payloads.length, namespace, keyIds);
    return { payloads: decoded.map(toJson) };
  }

  async encode(user: AuthUser, body: CodecPayloadsDto, namespace: string | undefined): Promise<CodecPayloadsDto> {
    const payloads = body.payloads.map(fromJson);
    await this.record(user, 'codec.encode', payloads.length, namespace, []);
    return { payloads: payloads.map((payload) => toJson(this.codec.encrypt(payload))) };
  }

  private record(user: AuthUser, action: string, count: number, namespace: string | undefined, keyIds: string[]): Promise<void> {
    return this.audit.append({
      actor: user.username, agency: user.agency, action, entityType: 'temporal_payloads', entityId: null,
      details: { payloads: count, namespace: namespace?.slice(0, 200) ?? null, keyIds },
    });
  }
}
