import { randomUUID } from 'node:crypto';
import { eventually, http, login, sampleCase, withDb } from '../support/http';

describe('Idempotency-Key', () => {
  let ice: string;
  beforeAll(async () => { ice = await login('ice.agent'); });

  it('replays the first result for the same key and body, and refuses another body with 422', async () => {
    const key = randomUUID();
    const body = sampleCase({ title: 'idem' });
    const first = await http('POST', '/cases', { token: ice, body, headers: { 'idempotency-key': key } });
    const second = await http('POST', '/cases', { token: ice, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const other = await http('POST', '/cases', { token: ice, body: sampleCase({ title: 'different' }), headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    const rows = await withDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM cases WHERE title IN ('idem', 'different')`)).rows[0].n);
    expect(rows).toBe(1);
  });

  it('makes one case out of 25 concurrent requests with one key', async () => {
    const key = randomUUID();
    const title = `concurrent-idem-${key}`;
    const body = sampleCase({ title });
    const responses = await Promise.all(Array.from({ length: 25 }, () =>
      http('POST', '/cases', { token: ice, body, headers: { 'idempotency-key': key } })));
    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const rows = await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM cases WHERE title = $1', [title])).rows[0].n);
    expect(rows).toBe(1);
  });

  it('scopes keys to the user: the same key from another agent is a different request', async () => {
    const key = randomUUID();
    const a = await http('POST', '/cases', { token: ice, body: { title: 'scoped', category: 'OTHER' }, headers: { 'idempotency-key': key } });
    const b = await http('POST', '/cases', { token: await login('ice.sac'), body: { title: 'scoped', category: 'OTHER' }, headers: { 'idempotency-key': key } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('applies an append once for concurrent retries with one key', async () => {
    const created = await http('POST', '/cases', { token: ice, body: { title: 'append-idem', category: 'OTHER' } });
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    const key = randomUUID();
    const body = { identifiers: [{ type: 'EMAIL', value: 'once@example.com' }] };
    const responses = await Promise.all(Array.from({ length: 10 }, () =>
      http('POST', `/cases/${created.body.id}/identifiers`, { token: ice, body, headers: { 'idempotency-key': key } })));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => JSON.stringify(r.body.itemIds))).size).toBe(1);
    const rows = await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM case_identifiers WHERE case_id = $1', [created.body.id])).rows[0].n);
    expect(rows).toBe(1);
    const other = await http('POST', `/cases/${created.body.id}/identifiers`, { token: ice, body: { identifiers: [{ type: 'EMAIL', value: 'twice@example.com' }] }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
  });

  it('refuses a malformed key', async () => {
    const response = await http('POST', '/cases', { token: ice, body: { title: 'k', category: 'OTHER' }, headers: { 'idempotency-key': 'x'.repeat(201) } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('Idempotency-Key');
  });
});
