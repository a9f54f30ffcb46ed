import { eventually, http, login, uniqueWord } from '../support/http';

const capitalised = (w: string) => w[0].toUpperCase() + w.slice(1);

/**
 * Issue 17, "Lookouts": a lookout may watch a person (name and date of birth, matched by the same person rules and
 * tiers as cases) or an organization (name). A later case naming them hits the lookout, for its owner only.
 */
describe('person and organization lookouts', () => {
  let ice: string; let atf: string;
  beforeAll(async () => { [ice, atf] = await Promise.all(['ice.agent', 'atf.agent'].map((u) => login(u))); });

  async function activeCase(token: string, subjects: unknown[]) {
    const created = await http('POST', '/cases', { token, body: { title: `Lookout ${uniqueWord()}`, category: 'OTHER', subjects } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body.id as string;
  }
  const lookoutHits = async (id: string) => {
    const response = await http('GET', `/lookouts/${id}/hits`, { token: ice });
    expect(response.status).toBe(200);
    return response.body.items as { matchType: string; tier?: string; matchedValue: string; counterpart: { agency: string } }[];
  };

  it('a person lookout meets a later case with that person (name spelt without accents, same DOB), and not another DOB', async () => {
    const [given, family] = [capitalised(uniqueWord()), capitalised(uniqueWord(9))];
    const created = await http('POST', '/lookouts', {
      token: ice, body: { type: 'PERSON', value: `Ramón ${given} ${family}`, dateOfBirth: '1979-04-02', note: 'wanted for questioning' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'PERSON', value: `Ramón ${given} ${family}`, dateOfBirth: '1979-04-02', status: 'ACTIVE' });
    const id = created.body.id as string;

    await activeCase(atf, [{ kind: 'PERSON', fullName: `Ramon ${given} ${family}`, dateOfBirth: '1985-11-30' }]);
    expect(await lookoutHits(id)).toEqual([]);
    const caseId = await activeCase(atf, [{ kind: 'PERSON', fullName: `RAMON ${given.toUpperCase()} ${family.toUpperCase()}`, dateOfBirth: '1979-04-02' }]);
    const hits = await lookoutHits(id);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ matchType: 'PERSON', tier: 'CONFIRMED', matchedValue: `Ramón ${given} ${family}`, counterpart: { agency: 'ATF' } });
    // The case's side sees a lookout (no case number), pointer only.
    const caseHits = (await http('GET', `/cases/${caseId}/hits`, { token: atf })).body.items;
    expect(caseHits).toEqual([expect.objectContaining({ matchType: 'PERSON', counterpart: expect.objectContaining({ agency: 'ICE', caseNumber: null }) })]);

    // Cancelled, it meets nothing more.
    expect((await http('POST', `/lookouts/${id}/cancel`, { token: ice, body: {} })).status).toBe(200);
    await activeCase(atf, [{ kind: 'PERSON', fullName: `Ramon ${given} ${family}`, dateOfBirth: '1979-04-02' }]);
    expect(await lookoutHits(id)).toHaveLength(1);
  });

  it('an organization lookout meets a later case naming the organization', async () => {
    const name = `Cartel ${capitalised(uniqueWord(10))}`;
    const created = await http('POST', '/lookouts', { token: ice, body: { type: 'ORGANIZATION', value: name, note: 'watch' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'ORGANIZATION', value: name, dateOfBirth: null });
    await activeCase(atf, [{ kind: 'ORGANIZATION', name: name.toUpperCase(), orgType: 'DTO' }]);
    const hits = await lookoutHits(created.body.id);
    expect(hits).toEqual([expect.objectContaining({ matchType: 'ORGANIZATION', counterpart: expect.objectContaining({ agency: 'ATF' }) })]);
  });

  it('refuses, in both languages, a date of birth on another kind, a region on a person, a name with no letters, a future DOB and an unknown kind', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'ORGANIZATION', value: 'Los Primos', dateOfBirth: '1980-01-01' }, 'dateOfBirth'],
      [{ type: 'PERSON', value: 'Ana Ruiz', region: 'US-AZ' }, 'region'],
      [{ type: 'PERSON', value: '-- . --' }, 'value'],
      [{ type: 'PERSON', value: 'Ana Ruiz', dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
      [{ type: 'SUBJECT', value: 'Ana Ruiz' }, 'type'],
    ];
    for (const [body, field] of cases) {
      const refused = await http('POST', '/lookouts', { token: ice, headers: { 'accept-language': 'es' }, body: { ...body, note: 'n' } });
      expect([refused.status, body]).toEqual([400, body]);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(refused.body.detail).toMatch(/campo|solo|no corresponde|no contiene/);
    }
  });
});
