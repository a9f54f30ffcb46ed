import { allItems, eventually, http, login, uniqueWord } from '../support/http';
import { capitalised, caseWithSubjects, reviewsFor } from '../support/review-fixtures';

/**
 * A rare name that agrees only under another spelling (issue 16's PROBABLE rule, person-tier-rules.ts rarityUnsure):
 * its rarity is counted per spelling, so without a DOB on both sides it goes to the coordinator, not to the agents.
 */
describe('person match tiers over HTTP: a name agreeing under another spelling', () => {
  let ice: string; let atf: string; let coordinator: string;

  beforeAll(async () => {
    [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
    // Rarity is judged against the stored population (rareWeightFor): in a near-empty database even a fresh name is
    // not rare, so this suite stores a few unrelated persons first.
    await caseWithSubjects(ice, Array.from({ length: 12 }, () => ({ kind: 'PERSON', fullName: `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}` })));
  });

  const hitsOf = async (token: string, caseId: string) => {
    const response = await http('GET', `/cases/${caseId}/hits`, { token });
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };

  /** A fresh (rare) three-word name stored by ICE with a DOB, and the same name with its surname respelled. */
  const storedName = async () => {
    // "…tta" and "…ta" sound alike: dmetaphone keeps four letters, all from the same random start.
    const [given, middle, surname] = [uniqueWord(), uniqueWord(), uniqueWord()].map(capitalised);
    const stored = `${given} ${middle} ${surname}tta`;
    await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: stored, dateOfBirth: '1981-05-17' }]);
    return { stored, respelled: `${given} ${middle} ${surname}ta` };
  };

  it('is a PROBABLE hit without a DOB when spelled the same', async () => {
    const { stored } = await storedName();
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: stored }]);
    expect((await hitsOf(atf, query.id)).map((h) => h.tier)).toEqual(['PROBABLE']);
  });

  it('is one POSSIBLE review item and no hit without a DOB when spelled otherwise, saying why in both languages', async () => {
    const { respelled } = await storedName();
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: respelled }]);
    const items = await eventually(() => reviewsFor(coordinator, respelled), (found) => found.length > 0);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'POSSIBLE_MATCH', status: 'OPEN', agencies: ['ICE'], query: { agency: 'ATF' } });
    expect(items[0].reason).toContain('name agrees under another spelling: rarity not judged without an equal DOB');
    expect(await hitsOf(atf, query.id)).toEqual([]);
    const es = await allItems('/deconfliction/reviews?status=OPEN', { token: coordinator, headers: { 'accept-language': 'es' } });
    expect(es.find((i) => i.id === items[0].id).reason).toContain('el nombre coincide con otra grafía');
  });

  it('is CONFIRMED when spelled otherwise with the same DOB', async () => {
    const { respelled } = await storedName();
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: respelled, dateOfBirth: '1981-05-17' }]);
    expect((await hitsOf(atf, query.id)).map((h) => h.tier)).toEqual(['CONFIRMED']);
  });
});
