import { DataSource, EntityManager } from 'typeorm';
import { AuditStore } from '../audit/audit-store';
import { SecretsKeys } from '../config/secrets-keys';
import { query } from '../db/sql';
import { SecretCipher } from './secret-cipher';
import { keyIdSql, SECRET_TABLES, SecretTable } from './stored-secrets';

export const REKEY_ACTOR = 'system:secrets-rekey';

/** Stored values nothing listed can open: sealed under a key SECRETS_KEYS no longer lists, or not sealed at all. */
export interface UnreadableValues { column: string; keyId: string; values: number; firstRowIds: string[] }

/** How many stored values each key id seals (`(not sealed)` for clear ones), and the ones no listed key opens. */
export interface KeyInventory { valuesByKey: Record<string, number>; unreadable: UnreadableValues[] }

export interface RekeyResult {
  toKey: string;
  batches: number;
  /** Values re-sealed, by kind (totp counts a confirmed and a pending secret of one user as two). */
  values: Record<SecretTable['kind'], number>;
  /** The key ids they were sealed with before. */
  fromKeys: Record<string, number>;
}

const NOT_SEALED = '(not sealed)';

/** Counts the stored values per key id; reads only, so an operator can run it before dropping a key. */
export async function secretsInventory(db: DataSource, keys: SecretsKeys): Promise<KeyInventory> {
  const valuesByKey: Record<string, number> = {};
  const unreadable: UnreadableValues[] = [];
  for (const t of SECRET_TABLES) {
    for (const column of t.sealedColumns) {
      const rows = await query<{ key_id: string; n: number; ids: string[] }>(db,
        `SELECT ${keyIdSql(column)} AS key_id, count(*)::int AS n, (array_agg(id::text ORDER BY id))[1:10] AS ids
         FROM ${t.table} WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY 1`);
      for (const row of rows) {
        const keyId = row.key_id || NOT_SEALED;
        valuesByKey[keyId] = (valuesByKey[keyId] ?? 0) + row.n;
        if (!keys.keys.has(row.key_id)) {
          unreadable.push({ column: `${t.table}.${column}`, keyId, values: row.n, firstRowIds: row.ids });
        }
      }
    }
  }
  return { valuesByKey, unreadable };
}

/**
 * Re-seals, with the first listed key, every stored secret sealed with another, `batchSize` rows per transaction,
 * each batch audited in its own transaction (`secrets.rekeyed`, counts and key ids only). Rows are locked while they
 * move, so a user enrolling meanwhile is not overwritten; a second run finds nothing to do. The caller checks
 * `secretsInventory` first: a value no listed key opens stops the batch it is in (rolled back) with SecretUnreadable.
 */
export async function rekeySecrets(db: DataSource, keys: SecretsKeys, batchSize: number): Promise<RekeyResult> {
  const cipher = new SecretCipher(keys);
  const audit = new AuditStore(db);
  const result: RekeyResult = { toKey: keys.currentKeyId, batches: 0, values: { totp: 0, webhook: 0 }, fromKeys: {} };
  for (const table of SECRET_TABLES) {
    for (;;) {
      const batch = await db.transaction((tx) => rekeyBatch(tx, table, cipher, keys.currentKeyId, batchSize, audit));
      if (!batch) break;
      result.batches += 1;
      result.values[table.kind] += batch.values;
      for (const [keyId, n] of Object.entries(batch.fromKeys)) result.fromKeys[keyId] = (result.fromKeys[keyId] ?? 0) + n;
    }
  }
  return result;
}

interface BatchCounts { rows: number; values: number; fromKeys: Record<string, number> }

async function rekeyBatch(
  tx: EntityManager, t: SecretTable, cipher: SecretCipher, currentKeyId: string, batchSize: number, audit: AuditStore,
): Promise<BatchCounts | undefined> {
  const stale = t.sealedColumns.map((c) => `(${c} IS NOT NULL AND ${keyIdSql(c)} <> $1)`).join(' OR ');
  const selected = [...new Set(['id', ...t.placeColumns, ...t.sealedColumns])].join(', ');
  const rows = await query<Record<string, string | null>>(tx,
    `SELECT ${selected} FROM ${t.table} WHERE ${stale} ORDER BY id LIMIT $2 FOR UPDATE`, [currentKeyId, batchSize]);
  if (!rows.length) return undefined;
  const counts: BatchCounts = { rows: rows.length, values: 0, fromKeys: {} };
  const assignments = t.sealedColumns.map((c, i) => `${c} = $${i + 2}`).join(', ');
  for (const row of rows) {
    const place = t.place(row as Record<string, string>);
    const resealed = t.sealedColumns.map((column) => {
      const value = row[column];
      if (value === null) return value;
      const keyId = SecretCipher.keyIdOf(value) ?? NOT_SEALED;
      if (keyId === currentKeyId) return value;
      counts.values += 1;
      counts.fromKeys[keyId] = (counts.fromKeys[keyId] ?? 0) + 1;
      return cipher.seal(cipher.open(value, place), place);
    });
    await tx.query(`UPDATE ${t.table} SET ${assignments} WHERE id = $1`, [row.id, ...resealed]);
  }
  await audit.append({
    actor: REKEY_ACTOR, agency: null, action: 'secrets.rekeyed', entityType: 'secrets', entityId: t.kind,
    details: { table: t.table, rows: counts.rows, values: counts.values, fromKeys: counts.fromKeys, toKey: currentKeyId },
  }, tx);
  return counts;
}
