import { eventually, http, login, sampleCase, uniqueWord, withDb, withTemporal } from '../support/http';

/**
 * PATCH /cases/:id (api.md, Cases; issue 18): the owning agency's agents change title, summary, flags and lead agent
 * through the case workflow; a change of flags runs the referral rules again, as at intake; the edit is audited and a
 * repeated one changes nothing.
 */
describe('editing a case', () => {
  let ice: string;
  let atf: string;

  beforeAll(async () => {
    [ice, atf] = await Promise.all([login('ice.agent'), login('atf.agent')]);
  });

  async function activeCase(token: string, body: Record<string, unknown>): Promise<{ id: string; caseNumber: string }> {
    const created = await http('POST', '/cases', { token, body });
    expect(created.status).toBe(201);
    const active = await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    expect(active.body.status).toBe('ACTIVE');
    return created.body;
  }

  const patch = (id: string, body: unknown, token = ice, headers: Record<string, string> = {}) =>
    http('PATCH', `/cases/${id}`, { token, body, headers });
  const edits = (id: string) => withDb(async (db) => (await db.query(
    `SELECT actor, agency, details FROM audit_log WHERE action = 'case.updated' AND entity_id = $1 ORDER BY seq`, [id])).rows);
  const rulesRaised = async (id: string, rule: string) => (await http('GET', `/cases/${id}/referrals`, { token: ice }))
    .body.items.filter((r: { rule: string }) => r.rule === rule);

  it('changes title, summary and lead agent, audits old and new, and a repeat changes nothing', async () => {
    const { id } = await activeCase(ice, sampleCase({ flags: {} }));
    const summary = `New narrative. ${'Straw purchases across Arizona. '.repeat(12)}`;
    const body = { title: 'Rifles through Nogales (phase 2)', summary, leadAgent: 'ice.sac' };
    const edited = await patch(id, body);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id, title: body.title, summary, leadAgent: { username: 'ice.sac' }, access: 'OWNER' });

    const [entry] = await edits(id);
    expect(entry).toMatchObject({ actor: 'ice.agent', agency: 'ICE' });
    expect(entry.details.changes).toEqual({
      title: { from: 'Rifles through Nogales', to: body.title },
      // A long text is summarised: its length and how it starts.
      summary: { from: 'Straw purchases in Phoenix, crossing at Nogales.', to: { length: summary.length, starts: `${summary.slice(0, 200)}…` } },
      leadAgent: { from: 'ice.agent', to: 'ice.sac' },
    });

    const again = await patch(id, body);
    expect(again.status).toBe(200);
    expect(again.body.updatedAt).toBe(edited.body.updatedAt);
    expect(await edits(id)).toHaveLength(1);
  });

  it('a port of entry added later raises R1 to CBP at once, with its workflow, in CBP\'s inbox; a repeat raises nothing new', async () => {
    const { id, caseNumber } = await activeCase(ice, sampleCase({ flags: {} }));
    expect(await rulesRaised(id, 'R1')).toEqual([]);

    const edited = await patch(id, { flags: { portOfEntry: 'San Ysidro, CA' } });
    expect(edited.status).toBe(200);
    // The other flags stay; the referral is there when the PATCH answers.
    expect(edited.body.flags).toEqual({ portOfEntry: 'San Ysidro, CA' });
    const [r1] = await rulesRaised(id, 'R1');
    expect(r1).toMatchObject({ toAgency: 'CBP', status: 'SENT' });
    expect(r1.reason).toContain('San Ysidro, CA');
    expect(edited.body.referrals.map((r: { id: string }) => r.id)).toContain(r1.id);
    const described = await withTemporal((client) => client.workflow.getHandle(`referral-${r1.id}`).describe());
    expect(described.type).toBe('referralWorkflow');

    // The inbox lists it once its workflow has run its first step (the row then stops saying `starting`).
    const cbp = await login('cbp.officer');
    const inbox = await eventually(() => http('GET', `/referrals?caseNumber=${caseNumber}`, { token: cbp }),
      (r) => r.status !== 200 || r.body.items.some((x: { id: string }) => x.id === r1.id));
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(r1.id);

    expect((await patch(id, { flags: { portOfEntry: 'San Ysidro, CA' } })).status).toBe(200);
    expect(await rulesRaised(id, 'R1')).toHaveLength(1);
    expect((await edits(id)).map((e) => e.details.changes)).toEqual([{ flags: { from: {}, to: { portOfEntry: 'San Ysidro, CA' } } }]);
  });

  it('only agents of the owning agency edit it: 404 for another agency, 403 for another role; a closed case is 409', async () => {
    const { id } = await activeCase(ice, { title: `Edit guard ${uniqueWord()}`, category: 'OTHER' });
    const foreign = await patch(id, { title: 'taken over' }, atf);
    expect(foreign.status).toBe(404);
    expect((await patch(id, { title: 'taken over' }, await login('leadership'))).status).toBe(403);

    expect((await http('POST', `/cases/${id}/close`, { token: ice, body: { outcome: 'done' } })).status).toBe(200);
    const closed = await patch(id, { title: 'too late' }, ice, { 'accept-language': 'es' });
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toBe(`El caso ${id} está cerrado.`);
    expect(await edits(id)).toEqual([]);
  });

  it('refuses bad input with a 400 in English and Spanish and writes nothing', async () => {
    const { id } = await activeCase(ice, { title: 'Bad input target', category: 'OTHER' });
    const refusals: [unknown, string | null][] = [
      [{}, null], [{ flags: {} }, null], [{ priority: 'HIGH' }, 'priority'], [{ title: '' }, 'title'], [{ title: null }, 'title'],
      [{ flags: { cartelLink: 'yes' } }, 'flags.cartelLink'], [{ flags: { portOfEntry: 'x'.repeat(121) } }, 'flags.portOfEntry'],
      [{ leadAgent: 'atf.agent' }, 'leadAgent'], [{ leadAgent: 'coordinator' }, 'leadAgent'], [{ leadAgent: 'nobody' }, 'leadAgent'],
    ];
    for (const [body, field] of refusals) {
      const [en, es] = await Promise.all([patch(id, body), patch(id, body, ice, { 'accept-language': 'es' })]);
      expect([en.status, es.status]).toEqual([400, 400]);
      expect(en.body.detail).not.toBe(es.body.detail);
      if (field) expect(en.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const empty = await patch(id, {}, ice, { 'accept-language': 'es' });
    expect(empty.body.detail).toBe('Nada que cambiar: envíe al menos uno de title, summary, flags, leadAgent.');
    const lead = await patch(id, { leadAgent: 'atf.agent' }, ice, { 'accept-language': 'es' });
    expect(lead.body.errors).toEqual([{ field: 'leadAgent', message: 'no es un agente de casos de ICE' }]);
    expect((await http('GET', `/cases/${id}`, { token: ice })).body).toMatchObject({ title: 'Bad input target', leadAgent: { username: 'ice.agent' } });
    expect(await edits(id)).toEqual([]);
  });

  it('a domestic-sale case of ATF (the tracing agency) traces its own firearms, also when the flag comes by PATCH', async () => {
    const serials = [`DS${uniqueWord(6).toUpperCase()}1`, `DS${uniqueWord(6).toUpperCase()}2`];
    const { id } = await activeCase(atf, { title: 'ATF domestic sales', category: 'ARMS_TRAFFICKING', flags: { domesticSale: true },
      firearms: serials.map((serialNumber) => ({ serialNumber })) });
    const traced = async (wanted: string[]) => (await http('GET', '/traces?limit=100', { token: atf })).body.items
      .filter((t: { serialNumber: string }) => wanted.includes(t.serialNumber));
    const own = await eventually(() => traced(serials), (items) => items.length === 2);
    expect(own.map((t: { serialNumber: string }) => t.serialNumber).sort()).toEqual([...serials].sort());
    expect(own.every((t: { requestingAgency: string; tracingAgency: string }) => t.requestingAgency === 'ATF' && t.tracingAgency === 'ATF')).toBe(true);
    // R3 never refers a case to its owner: the traces came without a referral.
    expect((await http('GET', `/cases/${id}/referrals`, { token: atf })).body.items).toEqual([]);

    const later = `DS${uniqueWord(6).toUpperCase()}3`;
    const plain = await activeCase(atf, { title: 'ATF case flagged later', category: 'ARMS_TRAFFICKING', firearms: [{ serialNumber: later }] });
    expect(await traced([later])).toEqual([]);
    expect((await patch(plain.id, { flags: { domesticSale: true } }, atf)).status).toBe(200);
    expect(await eventually(() => traced([later]), (items) => items.length === 1)).toHaveLength(1);
  });
});

/** GET /cases?openHits=&openReferrals= (issue 18): decided in the query, under the same readable condition as the list. */
describe('the case list by open hits and open referrals', () => {
  let ice: string;

  beforeAll(async () => { ice = await login('ice.agent'); });

  const ids = async (query: string): Promise<string[]> => {
    const page = await http('GET', `/cases?limit=100&${query}`, { token: ice });
    expect(page.status).toBe(200);
    return page.body.items.map((c: { id: string }) => c.id);
  };
  const open = async (token: string, body: Record<string, unknown>): Promise<string> => {
    const created = await http('POST', '/cases', { token, body });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  it('keeps the cases with an open hit or an open referral, or those without', async () => {
    const phone = `+1 520 ${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    const quiet = await open(ice, { title: 'Nothing open', category: 'FUGITIVE' });
    const referred = await open(ice, { title: 'Port case', category: 'FUGITIVE', flags: { portOfEntry: 'Laredo, TX' } });
    const hit = await open(ice, { title: 'Shared phone', category: 'FUGITIVE', identifiers: [{ type: 'PHONE', value: phone }] });
    const foreign = await open(await login('atf.agent'), { title: 'Same phone (ATF)', category: 'OTHER', identifiers: [{ type: 'PHONE', value: phone }] });
    await eventually(() => http('GET', `/cases/${hit}`, { token: ice }), (r) => r.body.openHits > 0);
    await eventually(() => http('GET', `/cases/${referred}`, { token: ice }), (r) => r.body.referrals?.length > 0);
    await eventually(() => http('GET', `/cases/${quiet}`, { token: ice }), (r) => r.body.status === 'ACTIVE');

    expect(await ids('openHits=true')).toEqual(expect.arrayContaining([hit]));
    expect(await ids('openHits=true')).not.toEqual(expect.arrayContaining([quiet]));
    expect(await ids('openHits=false&category=FUGITIVE')).toEqual(expect.arrayContaining([quiet, referred]));
    expect(await ids('openHits=false')).not.toContain(hit);
    expect(await ids('openReferrals=true')).toContain(referred);
    expect(await ids('openReferrals=true')).not.toContain(quiet);
    expect(await ids('openReferrals=false&openHits=false')).toContain(quiet);
    expect(await ids('openReferrals=false')).not.toContain(referred);
    expect(await ids('openReferrals=true&openHits=true')).not.toContain(referred);
    // The other side of the hit is another agency's case, never shared: the filter does not reveal it.
    const all = await ids('scope=all&openHits=true');
    expect(all).toContain(hit);
    expect(all).not.toContain(foreign);
  });

  it('refuses a value other than true or false, in English and Spanish', async () => {
    for (const name of ['openHits', 'openReferrals']) {
      const [en, es] = await Promise.all([
        http('GET', `/cases?${name}=yes`, { token: ice }), http('GET', `/cases?${name}=1`, { token: ice, headers: { 'accept-language': 'es' } }),
      ]);
      expect([en.status, es.status]).toEqual([400, 400]);
      expect(en.body.errors.map((e: { field: string }) => e.field)).toEqual([name]);
      expect(es.body.errors[0].message).not.toBe(en.body.errors[0].message);
    }
  });
});
