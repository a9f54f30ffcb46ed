import { http, login, uniqueWord, withDb } from '../support/http';

type Page = { status: number; body: { items: { id: string }[]; nextCursor: string | null; errors?: { field: string }[]; detail?: string } };
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

/**
 * Seizures, traces and lookouts are long lists (seed 003: a seizure system of ~400,000 records): newest first, paged by
 * a keyset cursor each list issues and only it accepts (api.md "Lists").
 */
describe('seizure, trace and lookout lists page', () => {
  let fbi: string;
  beforeAll(async () => { fbi = await login('fbi.agent'); });

  const page = (path: string, headers: Record<string, string> = {}): Promise<Page> => http('GET', path, { token: fbi, headers });

  async function walk(path: string, limit: number) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let last: Page;
    do {
      last = await page(withQuery(path, `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      expect(last.status).toBe(200);
      expect(last.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...last.body.items.map((item) => item.id));
      cursor = last.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(last.body.nextCursor).toBeNull();
    return { ids, pages, firstCursor: pages > 1 ? (await page(withQuery(path, `limit=${limit}`))).body.nextCursor : null };
  }

  /** What the caller's agency may list, newest first, read straight from the tables: the walk must be exactly this. */
  const visible = (sql: string): Promise<string[]> => withDb(async (db) => (await db.query(sql, ['FBI'])).rows.map((r: { id: string }) => r.id));

  it('walks every seizure, trace and lookout once to the end, newest first, and refuses a cursor it did not issue', async () => {
    const seizures: string[] = [];
    const traces: string[] = [];
    const lookouts: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const serial = `PG${uniqueWord(6).toUpperCase()}${i}`;
      const created = await http('POST', '/seizures', { token: fbi, body: { seizedAt: '2026-10-05T10:00:00Z', firearms: [{ serialNumber: serial }] } });
      expect(created.status).toBe(201);
      seizures.push(created.body.id);
      const trace = await http('POST', `/seizures/${created.body.id}/traces`, { token: fbi, body: { serialNumber: serial, priority: 'ROUTINE' } });
      expect(trace.status).toBe(201);
      traces.push(trace.body.id);
      const lookout = await http('POST', '/lookouts', { token: fbi, body: { type: 'EMAIL', value: `paging.${uniqueWord()}@example.org`, note: 'paging' } });
      expect(lookout.status).toBe(201);
      lookouts.push(lookout.body.id);
    }
    const lists = [
      ['/seizures', seizures, `SELECT s.id FROM seizures s WHERE s.owning_agency = $1
         OR EXISTS (SELECT 1 FROM seizure_shares x WHERE x.seizure_id = s.id AND x.agency_code = $1) ORDER BY s.created_at DESC, s.id DESC`],
      ['/traces', traces, 'SELECT id FROM traces WHERE requesting_agency = $1 OR tracing_agency = $1 ORDER BY created_at DESC, id DESC'],
      ['/traces?status=SUBMITTED', traces, null],
      ['/lookouts', lookouts, 'SELECT id FROM lookouts WHERE owner_agency = $1 ORDER BY created_at DESC, id DESC'],
    ] as const;
    const cursors: Record<string, string> = {};
    for (const [path, mine, sql] of lists) {
      const walked = await walk(path, 2);
      expect(walked.pages).toBeGreaterThan(1);
      expect(new Set(walked.ids).size).toBe(walked.ids.length);
      expect(walked.ids.filter((id) => mine.includes(id))).toEqual([...mine].reverse());
      // No gaps: every row the agency may list, in order.
      if (sql) expect(walked.ids).toEqual(await visible(sql));
      cursors[path] = String(walked.firstCursor);
      const garbled = await page(withQuery(path, 'cursor=not-a-cursor'));
      expect({ path, status: garbled.status, field: garbled.body.errors?.[0]?.field }).toEqual({ path, status: 400, field: 'cursor' });
    }
    // A cursor of one list is refused by the others, even where the key shapes agree.
    for (const [from, to] of [['/seizures', '/traces'], ['/traces', '/lookouts'], ['/lookouts', '/seizures'], ['/seizures', '/cases']]) {
      const foreign = await page(withQuery(to, `cursor=${encodeURIComponent(cursors[from])}`), { 'accept-language': 'es' });
      expect({ from, to, status: foreign.status, field: foreign.body.errors?.[0]?.field }).toEqual({ from, to, status: 400, field: 'cursor' });
    }
  });

  it.each(['/seizures', '/traces', '/lookouts'])('refuses a limit outside 1..200 on %s, in Spanish when asked', async (path) => {
    for (const limit of ['0', '201', 'abc', '-1']) {
      const refused = await page(`${path}?limit=${limit}`, { 'accept-language': 'es' });
      expect({ limit, status: refused.status, field: refused.body.errors?.[0]?.field }).toEqual({ limit, status: 400, field: 'limit' });
      expect(refused.body.detail).toMatch(/campo/);
    }
  });
});
