import { Client as PgClient } from 'pg';
import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { readStack } from '../support/stack';

/**
 * The coordinator's workbench (issue 17): claiming a hit (one of two simultaneous claims wins, the other gets 409),
 * releasing and handing it over (the holder or a desk supervisor; anyone else 403 in both languages), the queue's
 * claim and agency filters, and the append-only contact log on the hit's page.
 */
const ES = { 'accept-language': 'es' };

describe("the coordinator's workbench", () => {
  let ice: string; let atf: string; let desk: string; let atfDesk: string; let supervisor: string;
  beforeAll(async () => {
    [ice, atf, desk, atfDesk, supervisor] = await Promise.all(
      ['ice.agent', 'atf.agent', 'coordinator', 'atf.coordinator', 'desk.supervisor'].map((u) => login(u)));
  });

  /** A fresh ICE-ATF phone hit, open and held by no one. */
  async function freshHit(): Promise<{ id: string }> {
    const phone = `+1520${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    let caseId = '';
    for (const token of [ice, atf]) {
      const created = await http('POST', '/cases', { token, body: { title: `Bench ${uniqueWord()}`, category: 'OTHER', identifiers: [{ type: 'PHONE', value: phone }] } });
      expect(created.status).toBe(201);
      caseId = created.body.id;
    }
    return (await eventually(() => http('GET', `/cases/${caseId}/hits`, { token: atf }), (r) => r.body.items?.length === 1)).body.items[0];
  }
  const step = (token: string, id: string, name: string, body?: unknown, headers?: Record<string, string>) =>
    http('POST', `/deconfliction/hits/${id}/${name}`, { token, body, headers });
  const holderOf = async (id: string) => (await http('GET', `/deconfliction/hits/${id}`, { token: desk })).body.holder?.username ?? null;
  const auditOf = (id: string, action: string) => withDb(async (db) => (await db.query(
    'SELECT actor, details FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY seq', [id, action])).rows);

  it('lets exactly one of two simultaneous claims win; the other is told who holds the hit', async () => {
    const hit = await freshHit();
    const [first, second] = await Promise.all([step(desk, hit.id, 'claim'), step(atfDesk, hit.id, 'claim')]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const [won, lost] = first.status === 200 ? [first, second] : [second, first];
    const winner = won === first ? 'coordinator' : 'atf.coordinator';
    expect(won.body.holder).toMatchObject({ username: winner });
    expect(lost.body).toMatchObject({ status: 409, holder: winner });
    expect(lost.body.detail).toContain(winner);
    expect(await holderOf(hit.id)).toBe(winner);
    expect(await auditOf(hit.id, 'hit.claimed')).toEqual([{ actor: winner, details: { previousHolder: null } }]);
    // Claiming again what one holds changes nothing and leaves no second entry.
    expect((await step(winner === 'coordinator' ? desk : atfDesk, hit.id, 'claim')).status).toBe(200);
    expect(await auditOf(hit.id, 'hit.claimed')).toHaveLength(1);
  });

  it('releases by the holder or a supervisor, and refuses anyone else in English and Spanish', async () => {
    const hit = await freshHit();
    expect((await step(desk, hit.id, 'claim')).status).toBe(200);
    const refused = await step(atfDesk, hit.id, 'release', {});
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toBe(`Only the coordinator holding hit ${hit.id} (coordinator) or a desk supervisor may release it.`);
    const refusedEs = await step(atfDesk, hit.id, 'release', {}, ES);
    expect(refusedEs.body.detail).toContain('Solo el coordinador que tiene la coincidencia');
    expect(await holderOf(hit.id)).toBe('coordinator');
    expect((await auditOf(hit.id, 'access.denied')).map((r) => r.actor)).toEqual(['atf.coordinator', 'atf.coordinator']);

    const released = await step(desk, hit.id, 'release', { reason: 'shift over' });
    expect(released.status).toBe(200);
    expect(released.body.holder).toBeNull();
    expect(await auditOf(hit.id, 'hit.released')).toEqual([{ actor: 'coordinator', details: { reason: 'shift over', previousHolder: 'coordinator' } }]);

    expect((await step(atfDesk, hit.id, 'claim')).status).toBe(200);
    const taken = await step(supervisor, hit.id, 'release', {});
    expect(taken.status).toBe(200);
    expect(taken.body.holder).toBeNull();
    expect((await auditOf(hit.id, 'hit.released')).map((r) => [r.actor, r.details.previousHolder])).toEqual(
      [['coordinator', 'coordinator'], ['desk.supervisor', 'atf.coordinator']]);
  });

  it('hands a hit over by its holder or a supervisor, to coordinators only', async () => {
    const hit = await freshHit();
    expect((await step(atfDesk, hit.id, 'assign', { to: 'coordinator' })).status).toBe(403);
    expect((await step(desk, hit.id, 'claim')).status).toBe(200);
    const handed = await step(desk, hit.id, 'assign', { to: 'atf.coordinator' });
    expect(handed.status).toBe(200);
    expect(handed.body.holder).toMatchObject({ username: 'atf.coordinator', fullName: 'ATF Watch Desk Coordinator' });
    // The former holder no longer holds it.
    const former = await step(desk, hit.id, 'assign', { to: 'coordinator' }, ES);
    expect(former.status).toBe(403);
    expect(former.body.detail).toContain('atf.coordinator');
    const bySupervisor = await step(supervisor, hit.id, 'assign', { to: 'coordinator' });
    expect(bySupervisor.status).toBe(200);
    expect(await holderOf(hit.id)).toBe('coordinator');
    expect((await auditOf(hit.id, 'hit.assigned')).map((r) => [r.actor, r.details])).toEqual([
      ['coordinator', { to: 'atf.coordinator', previousHolder: 'coordinator' }],
      ['desk.supervisor', { to: 'coordinator', previousHolder: 'atf.coordinator' }],
    ]);

    for (const to of ['ice.agent', 'nobody-by-that-name']) {
      const bad = await step(supervisor, hit.id, 'assign', { to }, ES);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'to', message: 'no es un coordinador de desconflicción.' }]);
    }
    for (const body of [{}, { to: '   ' }, { to: 7 }, { to: 'coordinator', extra: 1 }]) {
      expect((await step(supervisor, hit.id, 'assign', body)).status).toBe(400);
    }
    expect((await step(desk, '00000000-0000-4000-8000-000000000000', 'claim')).status).toBe(404);
    expect((await step(desk, 'not-a-uuid', 'claim')).status).toBe(400);
  });

  it('filters the queue by who holds a hit and by agency, each row with its holder and time left', async () => {
    const [mine, free] = [await freshHit(), await freshHit()];
    expect((await step(atfDesk, mine.id, 'claim')).status).toBe(200);
    const whole = async (token: string, query: string) => {
      const items: any[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: any = await http('GET', `/deconfliction/hits?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
        expect(page.status).toBe(200);
        items.push(...page.body.items);
        cursor = page.body.nextCursor;
      }
      return items;
    };
    const heldByMe = await whole(atfDesk, '&claimed=me');
    expect(heldByMe.map((h) => h.id)).toContain(mine.id);
    expect(heldByMe.every((h) => h.holder?.username === 'atf.coordinator')).toBe(true);
    const unclaimed = await whole(desk, '&claimed=none&agency=ATF&matchType=PHONE&status=OPEN');
    expect(unclaimed.map((h) => h.id)).toContain(free.id);
    expect(unclaimed.map((h) => h.id)).not.toContain(mine.id);
    expect(unclaimed.every((h) => h.holder === null && h.status === 'OPEN' && h.matchType === 'PHONE'
      && h.sides.some((s: any) => s.agency === 'ATF'))).toBe(true);
    const row = unclaimed.find((h) => h.id === free.id);
    expect(row.sides.map((s: any) => s.agency).sort()).toEqual(['ATF', 'ICE']);
    expect(row.timeLeftMs).toBeGreaterThan(0);
    expect(row.timeLeftMs).toBeLessThanOrEqual(Date.parse(row.escalatesAt) - Date.parse(row.createdAt));
    const pgr = await whole(desk, '&agency=PGR');
    expect(pgr.map((h) => h.id)).not.toContain(free.id);
    expect(pgr.every((h) => h.sides.some((s: any) => s.agency === 'PGR'))).toBe(true);
    for (const query of ['claimed=someone', 'agency=atf', 'agency=A1', 'status=CLAIMED']) {
      const bad = await http('GET', `/deconfliction/hits?${query}`, { token: desk });
      expect(bad.status).toBe(400);
    }
  });

  it('keeps an append-only contact log, listed newest first and on the hit page', async () => {
    const hit = await freshHit();
    const entry = { reached: 'SA Ortiz (ATF Phoenix)', agency: 'ATF', means: 'PHONE', agreed: 'ATF holds its warrant until Friday' };
    const added = await http('POST', `/deconfliction/hits/${hit.id}/contacts`, { token: desk, body: entry, headers: { 'idempotency-key': `c-${hit.id}` } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ ...entry, author: 'coordinator' });
    const replay = await http('POST', `/deconfliction/hits/${hit.id}/contacts`, { token: desk, body: entry, headers: { 'idempotency-key': `c-${hit.id}` } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(added.body.id);
    const second = await http('POST', `/deconfliction/hits/${hit.id}/contacts`, { token: atfDesk, body: { ...entry, reached: 'ICE duty agent', agency: 'ICE', means: 'RADIO', agreed: 'ICE informed' } });
    expect(second.status).toBe(201);

    const listed = await http('GET', `/deconfliction/hits/${hit.id}/contacts?limit=1`, { token: desk });
    expect(listed.body.items.map((c: any) => c.id)).toEqual([second.body.id]);
    const next = await http('GET', `/deconfliction/hits/${hit.id}/contacts?limit=1&cursor=${encodeURIComponent(listed.body.nextCursor)}`, { token: desk });
    expect(next.body).toEqual({ items: [added.body], nextCursor: null });
    const page = await http('GET', `/deconfliction/hits/${hit.id}`, { token: supervisor });
    expect(page.body.contacts.map((c: any) => [c.author, c.means])).toEqual([['atf.coordinator', 'RADIO'], ['coordinator', 'PHONE']]);
    expect((await auditOf(hit.id, 'hit.contact_logged')).map((r) => [r.actor, r.details.contactId])).toEqual(
      [['coordinator', added.body.id], ['atf.coordinator', second.body.id]]);

    for (const body of [{ ...entry, means: 'FAX' }, { ...entry, reached: '   ' }, { ...entry, agreed: undefined }, { ...entry, agency: 'x'.repeat(121) }, { ...entry, id: 'mine' }]) {
      const bad = await http('POST', `/deconfliction/hits/${hit.id}/contacts`, { token: desk, body, headers: ES });
      expect(bad.status).toBe(400);
    }
    expect((await http('POST', '/deconfliction/hits/00000000-0000-4000-8000-000000000000/contacts', { token: desk, body: entry })).status).toBe(404);
    expect((await http('POST', `/deconfliction/hits/${hit.id}/contacts`, { token: ice, body: entry })).status).toBe(403);
    expect((await http('GET', `/deconfliction/hits/${hit.id}/contacts`, { token: ice })).status).toBe(403);

    // Append-only: the app's login may not change or remove an entry, and the owner is stopped by the trigger.
    const app = new PgClient({ connectionString: readStack().env.DATABASE_URL });
    await app.connect();
    try {
      await expect(app.query(`UPDATE deconfliction_hit_contacts SET agreed = 'x' WHERE id = $1`, [added.body.id])).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM deconfliction_hit_contacts WHERE id = $1', [added.body.id])).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    await withDb(async (db) => {
      await expect(db.query(`UPDATE deconfliction_hit_contacts SET agreed = 'x' WHERE id = $1`, [added.body.id])).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM deconfliction_hit_contacts WHERE id = $1', [added.body.id])).rejects.toThrow(/append-only/);
    });
    expect((await http('GET', `/deconfliction/hits/${hit.id}/contacts`, { token: desk })).body.items).toHaveLength(2);
  });
});
