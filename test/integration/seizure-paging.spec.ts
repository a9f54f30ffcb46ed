import { http, login, uniqueWord } from '../support/http';

/** Seizures and traces are long lists (seed 003: a seizure system of ~400,000 records): newest first, paged by keyset. */
describe('seizure and trace lists page', () => {
  let fbi: string;
  beforeAll(async () => { fbi = await login('fbi.agent'); });

  async function walk(path: string, limit: number) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: any } = await http('GET', `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: fbi });
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    return { ids, pages };
  }

  it('walks every seizure and trace once, newest first, and refuses a cursor it did not issue', async () => {
    const seizures: string[] = [];
    const traces: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const serial = `PG${uniqueWord(6).toUpperCase()}${i}`;
      const created = await http('POST', '/seizures', { token: fbi, body: { seizedAt: '2026-10-05T10:00:00Z', firearms: [{ serialNumber: serial }] } });
      expect(created.status).toBe(201);
      seizures.push(created.body.id);
      const trace = await http('POST', `/seizures/${created.body.id}/traces`, { token: fbi, body: { serialNumber: serial, priority: 'ROUTINE' } });
      expect(trace.status).toBe(201);
      traces.push(trace.body.id);
    }
    for (const [path, mine] of [['/seizures', seizures], ['/traces', traces], ['/traces?status=SUBMITTED', traces]] as const) {
      const walked = await walk(path, 2);
      expect(walked.pages).toBeGreaterThan(1);
      expect(new Set(walked.ids).size).toBe(walked.ids.length);
      expect(walked.ids.filter((id) => mine.includes(id))).toEqual([...mine].reverse());
      const forged = await http('GET', `${path}${path.includes('?') ? '&' : '?'}cursor=not-a-cursor`, { token: fbi });
      expect({ path, status: forged.status, field: forged.body.errors?.[0]?.field }).toEqual({ path, status: 400, field: 'cursor' });
    }
  });
});
