import { eventually, http, login, sampleCase, uniqueWord, withDb, withTemporal } from '../support/http';

describe('cases over HTTP', () => {
  let ice: string;
  let atf: string;

  beforeAll(async () => {
    ice = await login('ice.agent');
    atf = await login('atf.agent');
  });

  async function createActiveCase(token = ice, body: Record<string, unknown> = sampleCase()) {
    const created = await http('POST', '/cases', { token, body });
    expect(created.status).toBe(201);
    const active = await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    expect(active.body.status).toBe('ACTIVE');
    return created.body as { id: string; caseNumber: string; workflowId: string };
  }

  it('creates a case, reads it back whole, and lists it for the agency', async () => {
    const body = sampleCase();
    const created = await http('POST', '/cases', { token: ice, body });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['caseNumber', 'id', 'owningAgency', 'status', 'workflowId']);
    expect(created.body.caseNumber).toMatch(/^ICE-\d{4}-\d{6}$/);
    expect(created.body.owningAgency).toBe('ICE');
    expect(created.body.workflowId).toBe(`case-${created.body.id}`);

    const read = await eventually(() => http('GET', `/cases/${created.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: created.body.id, caseNumber: created.body.caseNumber, title: 'Rifles through Nogales', status: 'ACTIVE',
      owningAgency: 'ICE', leadAgent: { username: 'ice.agent' }, flags: { portOfEntry: 'Nogales, AZ', exportSmuggling: true },
    });
    expect(read.body.subjects.map((s: any) => s.fullName ?? s.name).sort())
      .toEqual([body.subjects[0].fullName, body.subjects[1].name].sort());
    expect(read.body.identifiers).toHaveLength(2);
    expect(read.body.firearms[0]).toMatchObject({ serialNumber: body.firearms[0].serialNumber, caliber: '5.7x28mm', serialObliterated: false });
    expect(read.body.operations[0]).toMatchObject({ type: 'SEARCH_WARRANT', radiusMeters: 300, startsAt: body.operations[0].startsAt });
    expect(read.body.openHits).toBe(0);

    const list = await http('GET', '/cases?limit=100', { token: ice });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: any) => c.id)).toContain(created.body.id);
    expect(list.body.items.every((c: any) => c.owningAgency === 'ICE')).toBe(true);
  });

  it('pages the list with a cursor, newest first, without repeats', async () => {
    for (let i = 0; i < 3; i += 1) await http('POST', '/cases', { token: atf, body: { title: `ATF page ${i}`, category: 'OTHER' } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await http('GET', `/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: atf });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: any) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const total = await withDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM cases WHERE owning_agency = 'ATF'`)).rows[0].n);
    expect(seen).toHaveLength(total);
    expect((await http('GET', '/cases?cursor=garbage', { token: atf })).status).toBe(400);
  });

  it('numbers cases per agency and year, uniquely under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      http('POST', '/cases', { token: atf, body: { title: `concurrent ${i}`, category: 'OTHER' } })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => r.body.caseNumber);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.every((n) => /^ATF-\d{4}-\d{6}$/.test(n))).toBe(true);
  });

  it('appends subjects, identifiers, firearms and operations through the workflow', async () => {
    const { id } = await createActiveCase();
    const appends: [string, Record<string, unknown>][] = [
      ['subjects', { subjects: [{ kind: 'PERSON', fullName: `María ${uniqueWord()} López` }] }],
      ['identifiers', { identifiers: [{ type: 'EMAIL', value: `${uniqueWord()}@example.mx` }] }],
      ['firearms', { firearms: [{ serialNumber: `${uniqueWord(8).toUpperCase()}?45`, serialObliterated: true }] }],
      ['operations', { operations: [{ type: 'SURVEILLANCE', latitude: 31.33, longitude: -110.93, startsAt: '2026-12-03T10:00:00Z', endsAt: '2026-12-03T12:00:00Z' }] }],
    ];
    for (const [kind, body] of appends) {
      const response = await http('POST', `/cases/${id}/${kind}`, { token: ice, body });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ caseId: id, kind, added: 1 });
    }
    const read = await http('GET', `/cases/${id}`, { token: ice });
    expect(read.body.subjects).toHaveLength(3);
    expect(read.body.identifiers).toHaveLength(3);
    expect(read.body.firearms).toHaveLength(2);
    expect(read.body.operations).toHaveLength(2);
    expect(read.body.operations[1].radiusMeters).toBe(250);

    const state = await withTemporal((client) => client.workflow.getHandle(`case-${id}`).query<any>('caseState'));
    expect(state).toEqual({ caseId: id, status: 'ACTIVE', appendsApplied: 4 });
  });

  it('closes a case: the workflow completes, and later appends and closes are 409', async () => {
    // No referral facts, so nothing but the case itself decides when it may close.
    const { id } = await createActiveCase(ice, sampleCase({ flags: {}, subjects: [] }));
    const closed = await http('POST', `/cases/${id}/close`, { token: ice, body: { outcome: 'Indictment returned' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ caseId: id, status: 'CLOSED', outcome: 'Indictment returned' });

    const read = await http('GET', `/cases/${id}`, { token: ice });
    expect(read.body).toMatchObject({ status: 'CLOSED', outcome: 'Indictment returned' });
    expect(read.body.closedAt).not.toBeNull();

    const result = await withTemporal((client) => client.workflow.getHandle(`case-${id}`).result());
    expect(result).toMatchObject({ caseId: id, status: 'CLOSED' });

    const append = await http('POST', `/cases/${id}/identifiers`, { token: ice, body: { identifiers: [{ type: 'EMAIL', value: 'late@example.com' }] } });
    expect(append.status).toBe(409);
    expect(append.body.detail).toContain('closed');
    const again = await http('POST', `/cases/${id}/close`, { token: ice, body: { outcome: 'again' } });
    expect(again.status).toBe(409);
    expect(await withDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM case_identifiers WHERE case_id = $1`, [id])).rows[0].n)).toBe(2);
  });

  it('hides a case from another agency (404) and refuses wrong roles (403), auditing both', async () => {
    const { id } = await createActiveCase();
    const other = await http('GET', `/cases/${id}`, { token: atf });
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('Nogales');
    const otherAppend = await http('POST', `/cases/${id}/identifiers`, { token: atf, body: { identifiers: [{ type: 'EMAIL', value: 'x@y.z' }] } });
    expect(otherAppend.status).toBe(404);
    expect((await http('GET', '/cases?limit=100', { token: atf })).body.items.map((c: any) => c.id)).not.toContain(id);

    const spp = await login('spp.team');
    const wrongRole = await http('POST', '/cases', { token: spp, body: sampleCase() });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.headers.get('content-type')).toContain('application/problem+json');
    expect((await http('GET', `/cases/${id}`, { token: await login('coordinator') })).status).toBe(403);
    expect((await http('GET', '/cases', {})).status).toBe(401);
    expect((await http('GET', '/cases', { token: 'not-a-token' })).status).toBe(401);

    const denied = await withDb(async (db) => (await db.query(
      `SELECT actor, details->>'reason' AS reason FROM audit_log WHERE action = 'access.denied' AND (entity_id = $1 OR actor = 'spp.team')`, [id],
    )).rows);
    expect(denied).toEqual(expect.arrayContaining([
      { actor: 'atf.agent', reason: 'agency' },
      { actor: 'spp.team', reason: 'role' },
    ]));
  });

  it('shares a case with another agency, audits the grant and the read, and revokes it', async () => {
    const { id } = await createActiveCase();
    const shareKey = { 'idempotency-key': `share-${id}` };
    const share = await http('POST', `/cases/${id}/shares`, { token: ice, body: { agency: 'ATF', reason: 'Joint straw-purchase investigation' }, headers: shareKey });
    expect(share.status).toBe(201);
    const replay = await http('POST', `/cases/${id}/shares`, { token: ice, body: { agency: 'ATF', reason: 'Joint straw-purchase investigation' }, headers: shareKey });
    expect(replay.body).toEqual(share.body);
    expect((await http('POST', `/cases/${id}/shares`, { token: ice, body: { agency: 'DEA', reason: 'other' }, headers: shareKey })).status).toBe(422);
    const grants = await withDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'case.share_granted'`, [id])).rows[0].n);
    expect(grants).toBe(1);
    const shared = await http('GET', `/cases/${id}`, { token: atf });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ id, access: 'SHARED', title: 'Rifles through Nogales' });
    expect(shared.body.shares).toBeUndefined();
    expect((await http('POST', `/cases/${id}/identifiers`, { token: atf, body: { identifiers: [{ type: 'EMAIL', value: 'a@b.c' }] } })).status).toBe(403);
    expect((await http('POST', `/cases/${id}/shares`, { token: ice, body: { agency: 'NOPE', reason: 'x' } })).status).toBe(400);

    const actions = await withDb(async (db) => (await db.query(
      `SELECT action, actor FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [id])).rows.map((r: any) => `${r.action}:${r.actor}`));
    expect(actions).toEqual(expect.arrayContaining(['case.share_granted:ice.agent', 'case.read_shared:atf.agent']));

    expect((await http('DELETE', `/cases/${id}/shares/ATF`, { token: ice })).status).toBe(204);
    expect((await http('GET', `/cases/${id}`, { token: atf })).status).toBe(404);
    expect((await http('DELETE', `/cases/${id}/shares/ATF`, { token: ice })).status).toBe(404);
  });

  it('keeps the read model and the workflow in agreement', async () => {
    const { id } = await createActiveCase();
    const [api, wf] = await Promise.all([
      http('GET', `/cases/${id}`, { token: ice }),
      withTemporal((client) => client.workflow.getHandle(`case-${id}`).query<any>('caseState')),
    ]);
    expect(wf.status).toBe(api.body.status);
    const description = await withTemporal((client) => client.workflow.getHandle(`case-${id}`).describe());
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('caseWorkflow');
  });
});
