import { http, login, uniqueWord } from '../support/http';
import { capitalised, caseWithSubjects, distinctDobs } from '../support/review-fixtures';

/**
 * Names as case files write them (issue 21): a given name against its nickname (through given_name_variants), an
 * Arabic name in another Latin spelling, a name in Cyrillic against its Latin form. Tiers still apply to every form.
 */
describe('person matching across name forms over HTTP', () => {
  let ice: string; let atf: string; let coordinator: string;
  beforeAll(async () => {
    [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
  });

  // A vowel after the first letter: a random word without one ("Mvzsqfhg") is read as written from Arabic script and
  // compared on consonant skeletons (names/name-form-keys.ts isVowelless), where "Memo" and "Ignacio" come close.
  const surname = () => { const w = uniqueWord(); return capitalised(`${w[0]}a${w.slice(2)}`); };
  const hitsOf = async (token: string, caseId: string) => {
    const response = await http('GET', `/cases/${caseId}/hits`, { token });
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };
  /** The one hit a later case raised against the stored subject, with the coordinator's reason in English and Spanish. */
  const hitBetween = async (storedName: string, queryName: string, storedDob: string | null, queryDob = storedDob) => {
    await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: storedName, ...(storedDob ? { dateOfBirth: storedDob } : {}) }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: queryName, ...(queryDob ? { dateOfBirth: queryDob } : {}) }]);
    const hits = await hitsOf(atf, query.id);
    if (hits.length === 0) return null;
    expect(hits).toHaveLength(1);
    const es = await http('GET', `/deconfliction/hits/${hits[0].id}`, { token: coordinator, headers: { 'accept-language': 'es' } });
    const en = await http('GET', `/deconfliction/hits/${hits[0].id}`, { token: coordinator });
    return { ...hits[0], reason: en.body.reason as string, reasonEs: es.body.reason as string };
  };

  it.each([
    ['Robert', 'Bob', 'Bob/Robert'],
    ['Elizabeth', 'Liz', 'Liz/Elizabeth'],
    ['Ignacio', 'Nacho', 'Nacho/Ignacio'],
    ['Memo', 'Guillermo', 'Guillermo/Memo'], // the nickname stored, the full name queried
  ])('a stored %s meets a later %s with the same DOB, and the reason names the nickname', async (stored, queried, pair) => {
    const [last, dob] = [surname(), distinctDobs(1)[0]];
    const hit = await hitBetween(`${stored} ${last}`, `${queried} ${last}`, dob);
    expect(hit).toMatchObject({ matchType: 'PERSON', tier: 'CONFIRMED' });
    expect(hit.reason).toContain(`1 given name nickname (${pair})`);
    expect(hit.reasonEs).toContain(`1 hipocorístico del nombre de pila (${pair})`);
  });

  it('a nickname is no match when both DOBs are known and differ (tiers apply to every form)', async () => {
    const last = surname();
    const [a, b] = distinctDobs(2);
    expect(await hitBetween(`Robert ${last} ${surname()}`, `Bob ${last}`, a, b)).toBeNull();
  });

  it.each([
    ['Rupert', 'Bob', 'a nickname of a related name: rows do not chain (Bob/Robert, Robert/Rupert)'],
    ['Ignacio', 'Memo', "another name's nickname"],
    ['Guillermo', 'Mema', 'one letter off the nickname'],
  ])('a stored %s does not meet a later %s with the same DOB (%s)', async (stored, queried) => {
    const [last, dob] = [surname(), distinctDobs(1)[0]];
    expect(await hitBetween(`${stored} ${last}`, `${queried} ${last}`, dob)).toBeNull();
  });

  it.each([
    ['Yusuf', 'Youssef', '(1 same spelling, 1 same sound)'], // double metaphone already hears these alike
    ['Al-Hassan', 'Elhassan', '1 other transliteration (Elhassan/Hassan)'], // the article written apart, then joined
    ['Djamel', 'Jamal', '1 other transliteration (Jamal/Djamel)'],
    ['Zia', 'Dhia', '1 other transliteration (Dhia/Zia)'],
  ])('an Arabic name written %s meets its spelling %s', async (stored, queried, agreement) => {
    const [last, dob] = [surname(), distinctDobs(1)[0]];
    const hit = await hitBetween(`${stored} ${last}`, `${queried} ${last}`, dob);
    expect(hit).toMatchObject({ matchType: 'PERSON', tier: 'CONFIRMED' });
    expect(hit.reason).toContain(`2 of 2 tokens agree`);
    expect(hit.reason).toContain(agreement);
  });

  it('another transliteration is no match when both DOBs are known and differ', async () => {
    const last = surname();
    const [a, b] = distinctDobs(2);
    expect(await hitBetween(`Djamel ${last}`, `Jamal ${last}`, a, b)).toBeNull();
  });

  it('a name written in Arabic script meets its Latin spelling (compared on consonants)', async () => {
    const [last, dob] = [surname(), distinctDobs(1)[0]];
    const hit = await hitBetween(`Mohammed Abboud ${last}`, `محمد عبود ${last}`, dob);
    expect(hit).toMatchObject({ matchType: 'PERSON', tier: 'CONFIRMED' });
    expect(hit.reason).toContain('3 of 3 tokens agree');
  });

  it('a name written in Cyrillic meets its Latin form', async () => {
    const { cyrillic, latin } = cyrillicWord();
    const dob = distinctDobs(1)[0];
    const hit = await hitBetween(`Дмитрий ${cyrillic}`, `Dmitriy ${latin}`, dob);
    expect(hit).toMatchObject({ matchType: 'PERSON', tier: 'CONFIRMED', counterpart: expect.anything() });
    expect(hit.reason).toContain('2 of 2 tokens agree (2 same spelling)');
  });
});

/** A fresh surname in Cyrillic letters whose transliteration is one Latin spelling, and that spelling. */
function cyrillicWord(): { cyrillic: string; latin: string } {
  const consonants: [string, string][] = [['б', 'b'], ['д', 'd'], ['к', 'k'], ['л', 'l'], ['м', 'm'], ['н', 'n'], ['п', 'p'], ['р', 'r'], ['т', 't'], ['в', 'v']];
  const vowels: [string, string][] = [['а', 'a'], ['о', 'o'], ['у', 'u'], ['и', 'i']];
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  const syllables = Array.from({ length: 4 }, () => [pick(consonants), pick(vowels)]).flat();
  const cyrillic = syllables.map(([c]) => c).join('');
  const latin = syllables.map(([, l]) => l).join('');
  return { cyrillic: cyrillic[0].toUpperCase() + cyrillic.slice(1), latin: latin[0].toUpperCase() + latin.slice(1) };
}
