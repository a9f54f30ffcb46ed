import { randomUUID } from 'node:crypto';
import { AUDIT_CHAIN_LOCK, AuditStore } from '../../libs/audit/audit-store';
import { createDataSource } from '../../libs/db/data-source';
import { http, login, sampleCase, withDb } from '../support/http';
import { readStack } from '../support/stack';

describe('audit trail', () => {
  let ice: string;
  let leadership: string;
  beforeAll(async () => {
    ice = await login('ice.agent');
    leadership = await login('leadership');
  });

  it('records logins, state changes and reads, filterable and paged, for leadership only', async () => {
    const created = await http('POST', '/cases', { token: ice, body: sampleCase() });
    // A second entry of ice.agent's own, so the paging below does not depend on which suites ran before.
    await http('POST', '/cases', { token: ice, body: { title: 'audit paging', category: 'OTHER' } });
    const entries = await http('GET', `/audit?entityId=${created.body.id}`, { token: leadership });
    expect(entries.status).toBe(200);
    expect(entries.body.items[0]).toMatchObject({
      actor: 'ice.agent', agency: 'ICE', action: 'case.created', entityType: 'case', entityId: created.body.id,
      details: { caseNumber: created.body.caseNumber },
    });
    expect(Object.keys(entries.body.items[0]).sort()).toEqual(
      ['action', 'actor', 'agency', 'at', 'details', 'entityId', 'entityType', 'hash', 'prevHash', 'seq']);

    const logins = await http('GET', '/audit?actor=ice.agent&limit=2', { token: leadership });
    expect(logins.body.items).toHaveLength(2);
    expect(logins.body.nextCursor).toEqual(expect.any(String));
    const next = await http('GET', `/audit?actor=ice.agent&limit=2&cursor=${logins.body.nextCursor}`, { token: leadership });
    expect(Number(next.body.items[0].seq)).toBeGreaterThan(Number(logins.body.items[1].seq));
    // Logins are entries on the user: the oldest two of ice.agent's may be anything another suite did first (jest
    // orders suites by past durations; a service spec writes as ice.agent without signing in).
    const userId = (await withDb(async (db) => (await db.query(`SELECT id FROM users WHERE username = 'ice.agent'`)).rows))[0].id;
    const onUser = await http('GET', `/audit?actor=ice.agent&entityId=${userId}&limit=200`, { token: leadership });
    expect(onUser.body.items.map((e: any) => e.action)).toContain('auth.login');

    expect((await http('GET', '/audit', { token: ice })).status).toBe(403);
    expect((await http('GET', '/audit/verify', { token: ice })).status).toBe(403);
    expect((await http('GET', '/audit?from=yesterday', { token: leadership })).status).toBe(400);
  });

  it('verifies the chain, then names the first tampered entry, and passes again once restored', async () => {
    const ok = await http('GET', '/audit/verify', { token: leadership });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.entries).toBeGreaterThan(3);

    await withDb(async (db) => {
      const { rows } = await db.query(`SELECT seq, details FROM audit_log ORDER BY seq DESC OFFSET 2 LIMIT 1`);
      const target = rows[0];
      // A superuser with triggers off is the only way to touch the table; the app's role cannot (next test).
      await db.query('SET session_replication_role = replica');
      await db.query(`UPDATE audit_log SET details = details || '{"tampered": true}' WHERE seq = $1`, [target.seq]);
      try {
        const bad = await http('GET', '/audit/verify', { token: leadership });
        expect(bad.body.ok).toBe(false);
        expect(bad.body.firstBadEntry).toMatchObject({ seq: String(target.seq), reason: 'content does not match its hash' });
      } finally {
        await db.query('UPDATE audit_log SET details = $2 WHERE seq = $1', [target.seq, target.details]);
        await db.query('SET session_replication_role = DEFAULT');
      }
    });
    expect((await http('GET', '/audit/verify', { token: leadership })).body.ok).toBe(true);
  });

  it('keeps the chain in order under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => http('POST', '/cases', { token: ice, body: { title: `chain ${i}`, category: 'OTHER' } })));
    const verify = await http('GET', '/audit/verify', { token: leadership });
    expect(verify.body.ok).toBe(true);
  });

  it('links the entry of an appender that waited for the chain lock to the entry committed while it waited', async () => {
    // The lock, the head read and the insert share one round trip (audit_append): the head must still be
    // read after the lock is granted, or the waiting appender would link to the entry before the holder's.
    const dataSource = createDataSource({ url: readStack().databaseUrl, asAppRole: true, poolSize: 2, applicationName: 'audit-spec-chain-wait' });
    await dataSource.initialize();
    const store = new AuditStore(dataSource);
    const [holderId, waiterId] = [randomUUID(), randomUUID()];
    const entry = (entityId: string) => ({ actor: 'audit.spec', agency: null, action: 'spec.chain_wait', entityType: 'spec', entityId });
    try {
      let release = () => undefined as void;
      const released = new Promise<void>((resolve) => { release = resolve; });
      let appended = () => undefined as void;
      const holderAppended = new Promise<void>((resolve) => { appended = resolve; });
      const holder = dataSource.transaction(async (tx) => {
        await store.append(entry(holderId), tx);
        appended();
        await released;
      });
      await holderAppended;
      const waiter = store.append(entry(waiterId));
      await withDb(async (db) => {
        // The waiter is queued on the chain lock (not merely scheduled) before the holder commits.
        for (let waiting = 0; waiting === 0;) {
          waiting = (await db.query(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND NOT l.granted AND l.objid = $1 AND a.application_name = $2`,
          [AUDIT_CHAIN_LOCK, 'audit-spec-chain-wait'])).rows[0].n;
        }
      });
      release();
      await Promise.all([holder, waiter]);
      // Another process may have appended between the two: the waiter links to whatever entry precedes it.
      const rows = await withDb(async (db) => (await db.query(
        `SELECT w.entity_id, w.prev_hash, (SELECT p.hash FROM audit_log p WHERE p.seq < w.seq ORDER BY p.seq DESC LIMIT 1) AS previous
         FROM audit_log w WHERE w.entity_id = ANY($1) ORDER BY w.seq`, [[holderId, waiterId]])).rows);
      expect(rows.map((r) => r.entity_id)).toEqual([holderId, waiterId]);
      expect(rows[1].prev_hash).toBe(rows[1].previous);
    } finally {
      await dataSource.destroy();
    }
  });

  it("denies the application's database role any UPDATE or DELETE of audit rows", async () => {
    const dataSource = createDataSource({ url: readStack().databaseUrl, asAppRole: true, poolSize: 1 });
    await dataSource.initialize();
    try {
      expect((await dataSource.query('SELECT current_user AS u'))[0].u).toBe('casecoord_app');
      await expect(dataSource.query(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(dataSource.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/permission denied/);
      await expect(dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    } finally {
      await dataSource.destroy();
    }
    // The owner is refused too, by the trigger.
    await withDb(async (db) => {
      await expect(db.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    });
  });
});
