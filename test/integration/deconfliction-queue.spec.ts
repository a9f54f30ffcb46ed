import { clockApiUrl, clockHttp, eventually, http, login, uniqueWord } from '../support/http';

/**
 * The coordinator's queue (issue 17): open event conflicts first by how soon the earlier operation starts, then
 * escalated hits, then the other open hits, then resolved ones, each oldest first; filters by status and match type;
 * keyset pages. Escalated hits come from the clock pair (event clock 2 s).
 */
const HOUR = 3_600_000;
const RANK = (h: any) => (h.status === 'OPEN' && h.matchType === 'EVENT' ? 0 : h.status === 'ESCALATED' ? 1 : h.status === 'OPEN' ? 2 : 3);
const orderedAt = (h: any) => (RANK(h) === 0 ? h.eventStartsAt : h.createdAt);
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

describe('the deconfliction queue, urgent first', () => {
  let ice: string; let atf: string; let coordinator: string;
  beforeAll(async () => {
    [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
  });

  async function activeCase(token: string, items: Record<string, unknown>, send = http) {
    const created = await send('POST', '/cases', { token, body: { title: `Queue ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', ...items } });
    expect(created.status).toBe(201);
    await eventually(() => send('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body as { id: string; caseNumber: string };
  }
  const onlyHit = async (token: string, caseId: string, send = http) =>
    (await eventually(() => send('GET', `/cases/${caseId}/hits`, { token }), (r) => r.body.items?.length === 1)).body.items[0];
  /** Two agencies' operations at one fresh place, overlapping from `start`: one EVENT hit. */
  async function eventConflict(start: number, send = http) {
    const op = {
      type: 'SEARCH_WARRANT', latitude: -30 - Math.random() * 10, longitude: 140 + Math.random() * 10, radiusMeters: 200,
      startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString(),
    };
    await activeCase(ice, { operations: [op] }, send);
    const second = await activeCase(atf, { operations: [{ ...op, startsAt: new Date(start + HOUR).toISOString() }] }, send);
    return onlyHit(atf, second.id, send);
  }
  async function wholeQueue(query = '') {
    const items: any[] = [];
    const pages: any[][] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { status: number; body: any } = await http('GET', `/deconfliction/hits?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: coordinator });
      expect(page.status).toBe(200);
      pages.push(page.body.items);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    return { items, pages };
  }

  it('lists open event conflicts by their start, then escalated hits, then the rest oldest first, page after page', async () => {
    await clockApiUrl();
    const day = Date.UTC(2045, 0, 1) + Math.floor(Math.random() * 300) * 24 * HOUR;
    const early = await eventConflict(day);
    const late = await eventConflict(day + 10 * 24 * HOUR);
    const escalated = await eventConflict(day + 20 * 24 * HOUR, clockHttp);
    await eventually(() => http('GET', `/deconfliction/hits/${escalated.id}`, { token: coordinator }), (r) => r.body.status === 'ESCALATED');
    const phone = `+1 (602) ${digits(3)}-${digits(4)}`;
    await activeCase(ice, { identifiers: [{ type: 'PHONE', value: phone }] });
    const phoneCase = await activeCase(atf, { identifiers: [{ type: 'PHONE', value: phone.replace(/[^\d+]/g, '') }] });
    const phoneHit = await onlyHit(atf, phoneCase.id);

    const { items: queue, pages } = await wholeQueue();
    const position = (id: string) => queue.findIndex((h) => h.id === id);
    expect([early, late, escalated, phoneHit].map((h) => position(h.id))).toEqual(
      [...[early, late, escalated, phoneHit].map((h) => position(h.id))].sort((a, b) => a - b));
    expect(position(early.id)).toBeGreaterThanOrEqual(0);
    // Every page keeps the order, not only the hits made here (across pages, other suites' hits may change state).
    for (const page of pages) {
      for (let i = 1; i < page.length; i += 1) {
        const [prev, next] = [page[i - 1], page[i]];
        expect(RANK(prev)).toBeLessThanOrEqual(RANK(next));
        if (RANK(prev) === RANK(next)) expect(Date.parse(orderedAt(prev))).toBeLessThanOrEqual(Date.parse(orderedAt(next)));
      }
    }

    const first = queue[position(early.id)];
    expect(first).toMatchObject({ matchType: 'EVENT', status: 'OPEN', urgent: true, eventStartsAt: new Date(day).toISOString() });
    // The shared pair's event clock is 1 h (LONG_CLOCKS): the escalation is due an hour after the hit.
    expect(Date.parse(first.escalatesAt) - Date.parse(first.createdAt)).toBe(HOUR);
    expect(queue[position(escalated.id)]).toMatchObject({ status: 'ESCALATED', escalatesAt: null });
    expect(queue[position(phoneHit.id)]).toMatchObject({ matchType: 'PHONE', eventStartsAt: null });
  }, 120_000);

  it('filters by match type and status, and refuses an unknown match type or a forged cursor', async () => {
    const events = await http('GET', '/deconfliction/hits?matchType=EVENT&status=OPEN&limit=100', { token: coordinator });
    expect(events.status).toBe(200);
    expect(events.body.items.length).toBeGreaterThan(0);
    expect(events.body.items.every((h: any) => h.matchType === 'EVENT' && h.status === 'OPEN')).toBe(true);
    const phones = await http('GET', '/deconfliction/hits?matchType=PHONE&limit=100', { token: coordinator });
    expect(phones.body.items.every((h: any) => h.matchType === 'PHONE')).toBe(true);

    const bad = await http('GET', '/deconfliction/hits?matchType=SHOE_SIZE', { token: coordinator });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['matchType']);
    const forged = Buffer.from(JSON.stringify([0, '2030-01-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url');
    expect((await http('GET', `/deconfliction/hits?cursor=${forged}`, { token: coordinator })).status).toBe(400);
    expect((await http('GET', '/deconfliction/hits?matchType=EVENT', { token: ice })).status).toBe(403);
  });
});
