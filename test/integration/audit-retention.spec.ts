import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { entryHash, GENESIS_HASH } from '../../libs/audit/audit-chain';
import { purgeAuditLog } from '../../libs/audit/audit-retention';
import { AuditStore } from '../../libs/audit/audit-store';
import { createDataSource } from '../../libs/db/data-source';
import { ensureDatabase, runMigrations } from '../../libs/db/migrate';
import { http, login } from '../support/http';
import { readStack } from '../support/stack';

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** A database of its own, so the chain can start with entries from long ago (the shared one starts today). */
async function freshDatabase(): Promise<{ url: string; owner: Client; app: DataSource }> {
  const url = new URL(readStack().databaseUrl);
  url.pathname = `/casecoord_retention_${randomUUID().slice(0, 8)}`;
  await ensureDatabase(url.toString());
  await runMigrations(url.toString());
  const owner = new Client({ connectionString: url.toString() });
  await owner.connect();
  const app = createDataSource({ url: url.toString(), asAppRole: true, poolSize: 2 });
  await app.initialize();
  return { url: url.toString(), owner, app };
}

/** Appends a correctly chained entry dated `agoMs` in the past, as the superuser (the app always writes now()). */
async function appendDated(db: Client, agoMs: number, action: string): Promise<{ seq: string; hash: string }> {
  const { rows: [head] } = await db.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const prevHash = head?.hash ?? GENESIS_HASH;
  const fields = { at: new Date(Date.now() - agoMs), actor: 'tester', agency: 'ICE', action, entityType: 'test', entityId: null, details: { agoDays: Math.round(agoMs / DAY_MS) } };
  const hash = entryHash(prevHash, fields);
  const { rows: [row] } = await db.query(
    `INSERT INTO audit_log (at, actor, agency, action, entity_type, entity_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq`,
    [fields.at, fields.actor, fields.agency, fields.action, fields.entityType, fields.entityId, JSON.stringify(fields.details), prevHash, hash],
  );
  return { seq: String(row.seq), hash };
}

const actions = async (db: Client): Promise<string[]> => (await db.query('SELECT action FROM audit_log ORDER BY seq')).rows.map((r) => r.action);

describe('audit retention', () => {
  const opened: { owner: Client; app: DataSource }[] = [];
  afterAll(async () => {
    for (const { owner, app } of opened) { await owner.end(); await app.destroy(); }
  });

  it('deletes only the oldest run of entries older than the retention, refuses anything shorter than the floor, and the chain still verifies', async () => {
    const { owner, app } = await freshDatabase();
    opened.push({ owner, app });
    await appendDated(owner, 400 * DAY_MS, 'old.1');
    await appendDated(owner, 399 * DAY_MS, 'old.2');
    const lastOld = await appendDated(owner, 398 * DAY_MS, 'old.3');
    const young = await appendDated(owner, 2 * DAY_MS, 'young.1');
    // Out of order in time (a skewed clock): old, but after a young entry, so it stays to keep the chain unbroken.
    await appendDated(owner, 500 * DAY_MS, 'old.after_young');
    await appendDated(owner, 3_600_000, 'young.2');
    const store = new AuditStore(app);
    expect(await store.verify()).toEqual({ ok: true, entries: 6 });

    // No direct way: the app role has no DELETE, UPDATE or TRUNCATE; the owner is stopped by the triggers.
    await expect(app.query('DELETE FROM audit_log WHERE seq = $1', [young.seq])).rejects.toThrow(/permission denied/);
    await expect(owner.query('DELETE FROM audit_log WHERE seq = $1', [young.seq])).rejects.toThrow(/append-only/);
    await expect(owner.query(`DELETE FROM audit_log WHERE action = 'old.1'`)).rejects.toThrow(/append-only/);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('casecoord.audit_purge', 'on', true)`);
    await expect(owner.query('DELETE FROM audit_log WHERE seq = $1', [young.seq])).rejects.toThrow(/append-only/);
    await owner.query('ROLLBACK');
    await expect(owner.query(`UPDATE audit_log SET actor = 'x' WHERE action = 'old.1'`)).rejects.toThrow(/append-only/);
    await expect(owner.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(app.query('UPDATE audit_retention_policy SET min_retention = $1', ['1 day'])).rejects.toThrow(/permission denied/);

    // A retention shorter than the database's floor (365 days) is refused, whoever asks.
    await expect(purgeAuditLog(app, 364 * DAY_MS, 'tester')).rejects.toThrow(/shorter than the minimum/);
    await expect(owner.query(`SELECT * FROM purge_audit_log(interval '1 day')`)).rejects.toThrow(/shorter than the minimum/);
    expect(await actions(owner)).toEqual(['old.1', 'old.2', 'old.3', 'young.1', 'old.after_young', 'young.2']);

    const purged = await purgeAuditLog(app, YEAR_MS, 'tester');
    expect(purged).toEqual({ entries: 3, throughSeq: lastOld.seq, retentionDays: 365 });
    expect(await actions(owner)).toEqual(['young.1', 'old.after_young', 'young.2', 'audit.purged']);
    const verified = await store.verify();
    expect(verified).toMatchObject({ ok: true, entries: 4, purgedThrough: { seq: lastOld.seq, hash: lastOld.hash } });
    const anchors = (await owner.query('SELECT entries, through_seq, retention::text AS retention FROM audit_chain_anchors')).rows;
    expect(anchors).toEqual([{ entries: '3', through_seq: lastOld.seq, retention: '365 days' }]);
    expect(await purgeAuditLog(app, YEAR_MS, 'tester')).toMatchObject({ entries: 0 });

    // The anchor is append-only too, and tampering with it is found by the verification.
    await expect(app.query(`INSERT INTO audit_chain_anchors (retention, entries, through_seq, through_hash, through_at) VALUES ('1 day', 0, 0, 'x', now())`)).rejects.toThrow(/permission denied/);
    await expect(owner.query(`UPDATE audit_chain_anchors SET through_hash = 'x'`)).rejects.toThrow(/append-only/);
    await owner.query('SET session_replication_role = replica');
    await owner.query(`UPDATE audit_chain_anchors SET through_hash = repeat('f', 64)`);
    const tampered = await store.verify();
    expect(tampered).toMatchObject({ ok: false, firstBadEntry: { seq: young.seq, reason: 'prevHash does not match the previous entry' } });
    await owner.query('UPDATE audit_chain_anchors SET through_hash = $1', [lastOld.hash]);
    await owner.query('SET session_replication_role = DEFAULT');
    expect((await store.verify()).ok).toBe(true);
  });

  it('keeps the chain whole when a purge removes every entry, and runs as a script with AUDIT_RETENTION', async () => {
    const { url, owner, app } = await freshDatabase();
    opened.push({ owner, app });
    await appendDated(owner, 800 * DAY_MS, 'old.1');
    await appendDated(owner, 700 * DAY_MS, 'old.2');
    const script = path.resolve(__dirname, '../../dist/scripts/purge-audit.js');
    const run = (retention: string) => spawnSync(process.execPath, [script], {
      env: { ...process.env, ...readStack().env, DATABASE_URL: url, AUDIT_RETENTION: retention }, encoding: 'utf8', timeout: 30_000,
    });

    const refused = run('30d');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('shorter than the minimum');
    const done = run('365d');
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout.trim().split('\n').pop() as string)).toMatchObject({ msg: 'audit purge done', entries: 2 });

    // Every entry went: the purge's own entry, and the next one, chain on from the anchor.
    expect(await actions(owner)).toEqual(['audit.purged']);
    await new AuditStore(app).append({ actor: 'tester', agency: null, action: 'after.purge', entityType: 'test' });
    expect(await new AuditStore(app).verify()).toMatchObject({ ok: true, entries: 2, purgedThrough: { seq: expect.any(String) } });
  });

  it('reports the chain of the running system as whole, with no purge yet', async () => {
    const verify = await http('GET', '/audit/verify', { token: await login('leadership') });
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
    expect(verify.body.purgedThrough).toBeUndefined();
  });
});
