import { randomUUID } from 'node:crypto';
import { eventually, http, login, sampleCase, uniqueWord, withDb } from '../support/http';

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

  // Every creating POST keeps the promise, not only cases: same key + body -> the first answer, another body -> 422,
  // and exactly one row either way.
  const serial = () => `ID${uniqueWord(3).toUpperCase()}${Date.now() % 1_000_000}`;
  const seizure = (s: string) => ({ seizedAt: '2026-10-01T08:30:00-07:00', firearms: [{ serialNumber: s, make: 'Glock' }] });
  const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();
  it.each([
    {
      name: 'seizures', user: 'cbp.officer', path: async () => '/seizures', table: 'seizures',
      bodies: () => { const s = serial(); return [seizure(s), seizure(`${s}X`)]; },
    },
    {
      name: 'lookouts', user: 'atf.agent', path: async () => '/lookouts', table: 'lookouts',
      bodies: () => { const s = serial(); return [{ type: 'FIREARM_SERIAL', value: s, note: 'stolen' }, { type: 'FIREARM_SERIAL', value: `${s}X`, note: 'stolen' }]; },
    },
    {
      name: 'action items', user: 'spp.team', path: async () => '/action-items', table: 'action_items',
      bodies: () => [1, 2].map((n) => ({ conference: `Conference ${uniqueWord()}`, description: `item ${n}`, owner: 'Working group', dueAt: inOneHour() })),
    },
    {
      name: 'traces', user: 'cbp.officer', table: 'traces',
      path: async (token: string) => {
        const s = serial();
        const created = await http('POST', '/seizures', { token, body: { ...seizure(s), firearms: [{ serialNumber: s }, { serialNumber: `${s}Y` }] } });
        expect(created.status).toBe(201);
        return { path: `/seizures/${created.body.id}/traces`, serials: [s, `${s}Y`] };
      },
      bodies: () => [],
    },
  ])('keeps the Idempotency-Key promise on POST $name', async ({ user, path, bodies, table }) => {
    const token = await login(user);
    const target = await path(token);
    const [url, [first, other]] = typeof target === 'string' ? [target, bodies()]
      : [target.path, target.serials.map((serialNumber) => ({ serialNumber, priority: 'ROUTINE' }))];
    const before = await withDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number);
    const key = randomUUID();
    const a = await http('POST', url, { token, body: first, headers: { 'idempotency-key': key } });
    const b = await http('POST', url, { token, body: first, headers: { 'idempotency-key': key } });
    const c = await http('POST', url, { token, body: other, headers: { 'idempotency-key': key } });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 422]);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const after = await withDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number);
    expect(after - before).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const response = await http('POST', '/cases', { token: ice, body: { title: 'k', category: 'OTHER' }, headers: { 'idempotency-key': 'x'.repeat(201) } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('Idempotency-Key');
  });
});
