import { eventually, http, login, sampleCase, withDb } from '../support/http';

/**
 * GET /cases?scope=own|shared|all&status=&category= (api.md, Cases): the caller's agency's cases and those shared
 * with it, the sharing decided in the query. Without `scope` the list stays what it was: the agency's own cases.
 */
describe('the case list by scope, status and category', () => {
  let ice: string;
  let atf: string;
  let fbi: string;

  beforeAll(async () => {
    [ice, atf, fbi] = await Promise.all([login('ice.agent'), login('atf.agent'), login('fbi.agent')]);
  });

  const ids = async (token: string, query: string): Promise<string[]> => {
    const page = await http('GET', `/cases?limit=100&${query}`, { token });
    expect(page.status).toBe(200);
    return page.body.items.map((c: { id: string }) => c.id);
  };

  async function open(token: string, body: Record<string, unknown>): Promise<string> {
    const created = await http('POST', '/cases', { token, body });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  it('lists cases shared with the agency under shared and all, never under own, and drops them when revoked', async () => {
    const atfCase = await open(atf, sampleCase({ title: 'ATF case shared with ICE', category: 'FUGITIVE', flags: {}, subjects: [] }));
    const iceCase = await open(ice, sampleCase({ title: 'ICE own case', category: 'FUGITIVE', flags: {}, subjects: [] }));
    const shared = await http('POST', `/cases/${atfCase}/shares`, { token: atf, body: { agency: 'ICE', reason: 'joint operation' } });
    expect(shared.status).toBe(201);

    expect(await ids(ice, 'scope=shared')).toContain(atfCase);
    expect(await ids(ice, 'scope=shared')).not.toContain(iceCase);
    const all = await ids(ice, 'scope=all&category=FUGITIVE');
    expect(all).toEqual(expect.arrayContaining([atfCase, iceCase]));
    expect(await ids(ice, 'scope=own')).not.toContain(atfCase);
    // No scope: the agency's own cases only, as before this parameter existed.
    const byDefault = await http('GET', '/cases?limit=100', { token: ice });
    expect(byDefault.body.items.map((c: { id: string }) => c.id)).not.toContain(atfCase);
    expect(byDefault.body.items.every((c: { owningAgency: string }) => c.owningAgency === 'ICE')).toBe(true);
    const sharedPage = await http('GET', '/cases?limit=100&scope=shared', { token: ice });
    expect(sharedPage.body.items.every((c: { owningAgency: string }) => c.owningAgency !== 'ICE')).toBe(true);
    expect(sharedPage.body.items.find((c: { id: string }) => c.id === atfCase)).toMatchObject({ owningAgency: 'ATF', title: 'ATF case shared with ICE' });

    // The owner does not see its own case as shared with itself; an agency it was not shared with sees nothing of it.
    expect(await ids(atf, 'scope=shared')).not.toContain(atfCase);
    expect(await ids(atf, 'scope=own')).toContain(atfCase);
    expect(await ids(fbi, 'scope=all')).not.toContain(atfCase);
    expect(await ids(fbi, 'scope=shared')).not.toContain(atfCase);

    // Listing another agency's case is a cross-agency read: audited, with the records it returned.
    const audited = await withDb(async (db) => (await db.query(
      `SELECT details FROM audit_log WHERE action = 'case.read_shared' AND actor = 'ice.agent' AND entity_id IS NULL
       ORDER BY at DESC LIMIT 5`)).rows.map((r) => JSON.stringify(r.details)));
    expect(audited.some((d) => d.includes(atfCase))).toBe(true);

    expect((await http('DELETE', `/cases/${atfCase}/shares/ICE`, { token: atf })).status).toBe(204);
    expect(await ids(ice, 'scope=shared')).not.toContain(atfCase);
    expect(await ids(ice, 'scope=all')).not.toContain(atfCase);
  });

  it('lists a case shared through an accepted referral for the receiving agency', async () => {
    const fbiCase = await open(fbi, sampleCase({ title: 'Port case', flags: { portOfEntry: 'Laredo, TX' }, subjects: [] }));
    const cbp = await login('cbp.officer');
    expect(await ids(cbp, 'scope=shared')).not.toContain(fbiCase);
    const referral = (await eventually(() => http('GET', `/cases/${fbiCase}/referrals`, { token: fbi }),
      (r) => r.body.items?.some((x: { rule: string; starting: boolean }) => x.rule === 'R1' && !x.starting))).body.items.find((x: { rule: string }) => x.rule === 'R1');
    expect((await http('POST', `/referrals/${referral.id}/acknowledge`, { token: cbp })).status).toBe(200);
    expect(await ids(cbp, 'scope=shared')).not.toContain(fbiCase);
    expect((await http('POST', `/referrals/${referral.id}/accept`, { token: cbp, body: {} })).status).toBe(200);
    expect(await ids(cbp, 'scope=shared')).toContain(fbiCase);
    expect(await ids(cbp, 'scope=own')).not.toContain(fbiCase);
  });

  it('filters by status and category', async () => {
    const draft = await open(ice, { title: 'Money case', category: 'MONEY_LAUNDERING' });
    const active = await eventually(() => http('GET', `/cases/${draft}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    expect(active.body.status).toBe('ACTIVE');
    expect(await ids(ice, 'category=MONEY_LAUNDERING')).toContain(draft);
    expect(await ids(ice, 'category=FUGITIVE')).not.toContain(draft);
    expect(await ids(ice, 'status=ACTIVE&category=MONEY_LAUNDERING')).toContain(draft);
    expect(await ids(ice, 'status=CLOSED&category=MONEY_LAUNDERING')).not.toContain(draft);
    const closed = await http('GET', '/cases?limit=100&status=CLOSED', { token: ice });
    expect(closed.body.items.every((c: { status: string }) => c.status === 'CLOSED')).toBe(true);
  });

  it('refuses an unknown scope, status or category with a field error', async () => {
    for (const [query, field] of [['scope=mine', 'scope'], ['status=OPEN', 'status'], ['category=ARMS', 'category']]) {
      const refused = await http('GET', `/cases?${query}`, { token: ice });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
