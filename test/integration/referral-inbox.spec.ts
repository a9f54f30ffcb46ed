import { eventually, http, login, uniqueWord, withDb } from '../support/http';

/**
 * The receiving officer's inbox (issue 14): with `sort=urgency` most urgent first (overdue acknowledgements, then the
 * other open referrals, then those already worked; oldest first within each); newest first by default, as before. Both
 * page by keyset; a case number finds a case's referrals.
 */
describe('referral inbox order and paging', () => {
  let fbi: string; let cbp: string;

  beforeAll(async () => {
    [fbi, cbp] = await Promise.all(['fbi.agent', 'cbp.officer'].map((u) => login(u)));
  });

  /** An FBI case with a port of entry: R1 refers it to CBP. */
  async function r1Case() {
    const created = await http('POST', '/cases', { token: fbi, body: { title: `Inbox ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', flags: { portOfEntry: 'Laredo, TX' } } });
    expect(created.status).toBe(201);
    const referrals = await eventually(() => http('GET', `/cases/${created.body.id}/referrals`, { token: fbi }), (r) => r.body.items?.length === 1 && r.body.items[0].starting === false);
    return { caseId: created.body.id as string, caseNumber: created.body.caseNumber as string, referralId: referrals.body.items[0].id as string };
  }

  /** The whole inbox, page by page, with the number of pages it took. */
  async function wholeInbox(limit: number, sort?: 'urgency') {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/referrals?limit=${limit}${sort ? `&sort=${sort}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await http('GET', query, { token: cbp });
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    return { ids, pages };
  }

  it('lists overdue first, then open, then worked, oldest first within each, on every page', async () => {
    const a = await r1Case();
    const b = await r1Case();
    const c = await r1Case();
    const d = await r1Case();
    // B's acknowledgement falls due (the shared stack's clock is an hour; the due date is what the inbox ranks on).
    await withDb((db) => db.query(`UPDATE referrals SET due_at = now() - interval '5 minutes' WHERE id = $1`, [b.referralId]));
    expect((await http('POST', `/referrals/${c.referralId}/accept`, { token: cbp, body: { note: 'worked' } })).status).toBe(200);

    const mine = [a, b, c, d].map((x) => x.referralId);
    const relative = (ids: string[]) => ids.filter((id) => mine.includes(id));
    const expected = [b.referralId, a.referralId, d.referralId, c.referralId];

    const single = await wholeInbox(200, 'urgency');
    expect(relative(single.ids)).toEqual(expected);
    expect(new Set(single.ids).size).toBe(single.ids.length);

    const paged = await wholeInbox(3, 'urgency');
    expect(paged.pages).toBeGreaterThan(1);
    expect(relative(paged.ids)).toEqual(expected);
    expect(new Set(paged.ids).size).toBe(paged.ids.length);

    // Without `sort`, the order clients had before: newest first, paged the same way.
    const newest = await wholeInbox(3);
    expect(relative(newest.ids)).toEqual([d.referralId, c.referralId, b.referralId, a.referralId]);
    expect(new Set(newest.ids).size).toBe(newest.ids.length);
  });

  it('finds a case\'s referrals by case number, and refuses a cursor it did not issue', async () => {
    const one = await r1Case();
    await r1Case();
    const found = await http('GET', `/referrals?caseNumber=${encodeURIComponent(one.caseNumber.toLowerCase())}`, { token: cbp });
    expect(found.status).toBe(200);
    expect(found.body.items.map((r: { id: string; caseNumber: string }) => `${r.id}:${r.caseNumber}`)).toEqual([`${one.referralId}:${one.caseNumber}`]);
    expect(found.body.nextCursor).toBeNull();

    const forged = await http('GET', `/referrals?cursor=${Buffer.from('["x"]').toString('base64url')}`, { token: cbp });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].field).toBe('cursor');
    // A cursor pages the order it was issued for only.
    const urgent = await http('GET', '/referrals?sort=urgency&limit=1', { token: cbp });
    expect(urgent.body.nextCursor).toEqual(expect.any(String));
    const mixed = await http('GET', `/referrals?limit=1&cursor=${encodeURIComponent(urgent.body.nextCursor)}`, { token: cbp });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors[0].field).toBe('cursor');
    expect((await http('GET', '/referrals?sort=oldest', { token: cbp })).status).toBe(400);
  });
});
