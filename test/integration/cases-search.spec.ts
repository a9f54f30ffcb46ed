import { eventually, http, login, uniqueWord, withDb } from '../support/http';

/**
 * GET /cases/search?q= (api.md, Cases; issue 18): over the cases the caller may read only, by number, title and
 * summary words, subject names folded as matching folds them, and identifiers normalised as matching normalises them.
 */
describe('case search', () => {
  let ice: string;
  let atf: string;

  beforeAll(async () => {
    [ice, atf] = await Promise.all([login('ice.agent'), login('atf.agent')]);
  });

  const search = (token: string, q: string, extra = '') => http('GET', `/cases/search?q=${encodeURIComponent(q)}${extra}`, { token });
  const found = async (token: string, q: string): Promise<string[]> => {
    const page = await search(token, q, '&limit=100');
    expect(page.status).toBe(200);
    return page.body.items.map((c: { id: string }) => c.id);
  };
  /** Names and identifiers are searched through the keys deconfliction stores just after intake. */
  const eventuallyFound = (token: string, q: string, id: string) =>
    eventually(() => found(token, q), (ids) => ids.includes(id));

  async function open(token: string, body: Record<string, unknown>): Promise<{ id: string; caseNumber: string }> {
    const created = await http('POST', '/cases', { token, body: { category: 'OTHER', ...body } });
    expect(created.status).toBe(201);
    return created.body;
  }

  const word = uniqueWord(10);
  const surname = uniqueWord(9);
  const phoneDigits = `520${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;

  it('finds an own case by number, title word, a name without accents in another order, and a phone written another way', async () => {
    const created = await open(ice, {
      title: `Operación ${word} en Nogales`, summary: 'Rifles bought by straw purchasers.',
      subjects: [{ kind: 'PERSON', fullName: `José Ángel ${surname}ez Gómez` }],
      identifiers: [{ type: 'PHONE', value: `(${phoneDigits.slice(0, 3)}) ${phoneDigits.slice(3, 6)}-${phoneDigits.slice(6)}` }],
    });
    expect(await found(ice, created.caseNumber)).toEqual([created.id]);
    expect(await found(ice, word.toUpperCase())).toContain(created.id);
    expect(await found(ice, 'operacion nogales')).toContain(created.id);
    expect(await eventuallyFound(ice, `gomez ${surname}EZ jose`, created.id)).toContain(created.id);
    expect(await eventuallyFound(ice, `+1 ${phoneDigits}`, created.id)).toContain(created.id);
    expect(await found(ice, `${phoneDigits.slice(0, 3)}.${phoneDigits.slice(3, 6)}.${phoneDigits.slice(6)}`)).toContain(created.id);

    const hit = (await search(ice, word)).body.items.find((c: { id: string }) => c.id === created.id);
    expect(hit).toEqual({
      id: created.id, caseNumber: created.caseNumber, title: `Operación ${word} en Nogales`, category: 'OTHER',
      status: expect.any(String), owningAgency: 'ICE', createdAt: expect.any(String), updatedAt: expect.any(String),
    });
  });

  it('never shows another agency’s case until it is shared, and audits the shared read as the list does', async () => {
    const other = await open(atf, {
      title: `ATF ${word} straw purchases`, subjects: [{ kind: 'PERSON', fullName: `María ${surname}ez` }],
      identifiers: [{ type: 'PHONE', value: `+1${phoneDigits}` }],
    });
    await eventuallyFound(atf, `${surname}ez maria`, other.id);
    await eventuallyFound(atf, phoneDigits, other.id);
    for (const q of [word, other.caseNumber, `${surname}ez maria`, phoneDigits]) {
      expect(await found(ice, q)).not.toContain(other.id);
    }
    // Nothing about it either: an agency that cannot read it gets an empty page, not a count or a hint.
    const probe = await search(await login('fbi.agent'), other.caseNumber);
    expect(probe.body).toEqual({ items: [], nextCursor: null });

    expect((await http('POST', `/cases/${other.id}/shares`, { token: atf, body: { agency: 'ICE', reason: 'joint search' } })).status).toBe(201);
    expect(await found(ice, word)).toContain(other.id);
    expect(await found(ice, phoneDigits)).toContain(other.id);
    const audited = await withDb(async (db) => (await db.query(
      `SELECT details FROM audit_log WHERE action = 'case.read_shared' AND actor = 'ice.agent' AND entity_id IS NULL
       ORDER BY at DESC LIMIT 5`)).rows.map((r) => JSON.stringify(r.details)));
    expect(audited.some((d) => d.includes(other.id))).toBe(true);

    expect((await http('DELETE', `/cases/${other.id}/shares/ICE`, { token: atf })).status).toBe(204);
    expect(await found(ice, word)).not.toContain(other.id);
  });

  it('refuses a missing, too short or too long q in English and Spanish', async () => {
    const missing = await http('GET', '/cases/search', { token: ice });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'q', message: expect.stringContaining('required') })]);
    const missingEs = await http('GET', '/cases/search', { token: ice, headers: { 'accept-language': 'es' } });
    expect(missingEs.status).toBe(400);
    expect(missingEs.body.errors).toEqual([{ field: 'q', message: 'es obligatorio' }]);
    const short = await search(ice, 'x');
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'q', message: expect.stringContaining('2') })]);
    const shortEs = await http('GET', '/cases/search?q=x', { token: ice, headers: { 'accept-language': 'es' } });
    expect(shortEs.status).toBe(400);
    expect(shortEs.body.title).toBe('Solicitud no válida');
    expect(shortEs.body.errors).toEqual([{ field: 'q', message: 'es demasiado corto' }]);
    expect((await search(ice, 'y'.repeat(201))).status).toBe(400);
    expect((await search(ice, word, '&cursor=not-a-cursor')).status).toBe(400);
  });

  it('walks the pages to the end, each case once', async () => {
    const pageWord = uniqueWord(10);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await open(ice, { title: `Paging ${pageWord} ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await search(ice, pageWord, `&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    // A list cursor is not a search cursor.
    const listPage = await http('GET', '/cases?limit=1', { token: ice });
    expect((await search(ice, pageWord, `&cursor=${encodeURIComponent(listPage.body.nextCursor)}`)).status).toBe(400);
  });
});
