import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../../../../libs/audit/audit-chain';
import { query } from '../../../../libs/db/sql';
import { ApiError, fieldError } from './api-error';
import { M } from './messages';

export interface StoredResponse { status: number; body: Record<string, unknown> }
export interface IdempotentOutcome extends StoredResponse { replayed: boolean }

interface KeyRow { request_hash: string; status_code: number | null; response: Record<string, unknown> | null }

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * Idempotency-Key handling, stored in PostgreSQL and scoped to the calling user. The key row is inserted first, so a
 * concurrent retry blocks on it and then reads the first request's answer instead of doing the work again.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  static requestHash(route: string, body: unknown): string {
    return createHash('sha256').update(canonicalJson({ route, body })).digest('hex');
  }

  static checkKey(key: string | undefined): string | undefined {
    if (key === undefined) return undefined;
    if (!KEY_PATTERN.test(key)) {
      throw fieldError('Idempotency-Key', 'must be 1 to 200 visible ASCII characters', 'debe tener de 1 a 200 caracteres ASCII visibles');
    }
    return key;
  }

  /** For work that commits in one transaction: the answer is stored in that same transaction. */
  async inTransaction(
    userId: string, key: string | undefined, hash: string,
    work: (tx: EntityManager) => Promise<StoredResponse>,
  ): Promise<IdempotentOutcome> {
    return this.dataSource.transaction(async (tx) => {
      if (key !== undefined) {
        const replay = await this.claim(tx, userId, key, hash);
        if (replay) return replay;
      }
      const response = await work(tx);
      if (key !== undefined) await this.store(tx, userId, key, response);
      return { ...response, replayed: false };
    });
  }

  /**
   * For work done by a workflow update: the update id is derived from the key, so a retry that finds the first
   * attempt unfinished asks Temporal for the same update and gets its outcome, never a second application.
   */
  async viaUpdate(
    userId: string, key: string | undefined, hash: string,
    work: (updateId: string) => Promise<StoredResponse>,
  ): Promise<IdempotentOutcome> {
    if (key === undefined) return { ...(await work(`req-${randomUUID()}`)), replayed: false };
    const updateId = `idem-${createHash('sha256').update(`${userId}\n${key}`).digest('hex').slice(0, 40)}`;
    const replay = await this.dataSource.transaction((tx) => this.claim(tx, userId, key, hash, true));
    if (replay) return replay;
    try {
      const response = await work(updateId);
      await this.store(this.dataSource.manager, userId, key, response);
      return { ...response, replayed: false };
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        await this.dataSource.query(
          'DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND response IS NULL', [userId, key],
        );
      }
      throw error;
    }
  }

  /** Returns the stored answer of an earlier request with this key, or null when this request owns the key. */
  private async claim(
    tx: EntityManager, userId: string, key: string, hash: string, allowUnfinished = false,
  ): Promise<IdempotentOutcome | null> {
    const inserted = await query<{ key: string }>(tx,
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [userId, key, hash],
    );
    if (inserted.length > 0) return null;
    const rows = await query<KeyRow>(tx,
      'SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.request_hash !== hash) throw new ApiError('IdempotencyKeyReused', M.idempotencyMismatch, { key });
    if (row.response && row.status_code) return { status: row.status_code, body: row.response, replayed: true };
    if (allowUnfinished) return null;
    throw new ApiError('Conflict', M.idempotencyInFlight, { key }, { headers: { 'retry-after': '1' } });
  }

  private async store(m: EntityManager, userId: string, key: string, response: StoredResponse): Promise<void> {
    await m.query(
      `UPDATE idempotency_keys SET status_code = $3, response = $4, completed_at = now()
       WHERE user_id = $1 AND key = $2`,
      [userId, key, response.status, JSON.stringify(response.body)],
    );
  }
}
