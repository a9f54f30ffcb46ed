import { http, login, uniqueWord } from '../support/http';
import { companyWord } from '../support/company-words';
import { capitalised, caseWithSubjects } from '../support/review-fixtures';

const business = (name: string) => ({ kind: 'ORGANIZATION', name, orgType: 'BUSINESS' });

/**
 * A random word with no letter twice: dropping a letter of "abtcllcj" leaves a doubled letter's trigrams in place
 * (0.70, not the 0.55 of a word whose trigrams are all its own), which failed a CI run on 2026-12-03.
 */
function wordOfDistinctLetters(length: number): string {
  for (;;) {
    const word = uniqueWord(length);
    if (new Set(word).size === length) return word;
  }
}

/**
 * Organizations are blocked on the whole name's trigram and then compared on the words that tell them apart
 * (libs/deconfliction/organization-rules.ts): companies that share only generic words ("Comercializadora …
 * Hermanos") raise no hit, nor answer a check, while the same company written with a typo or an abbreviation still does.
 */
describe('organization matches need their distinctive words to agree', () => {
  let ice: string; let atf: string; let fbi: string; let coordinator: string;

  beforeAll(async () => {
    [ice, atf, fbi, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'fbi.agent', 'coordinator'].map((u) => login(u)));
  });

  const hitsOf = async (token: string, caseId: string) => {
    const response = await http('GET', `/cases/${caseId}/hits`, { token });
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };

  // Five-letter surnames: "Comercializadora … Hermanos" then makes most of the name, and two such companies meet on the
  // whole name's trigram (0.68), as "Comercializadora Pineda Hermanos" and "… Calderón Hermanos" did in the bench.
  it('raises no hit between companies that share only generic words, and one for a typo of the same company', async () => {
    const [first, second, surname] = [companyWord('namesake'), companyWord('otherNamesake'), capitalised(wordOfDistinctLetters(8))];
    await caseWithSubjects(ice, [business(`Comercializadora ${first} Hermanos`)]);
    const namesake = await caseWithSubjects(atf, [business(`Comercializadora ${second} Hermanos S.A. de C.V.`)]);
    expect(await hitsOf(atf, namesake.id)).toEqual([]);

    const stored = await caseWithSubjects(ice, [business(`Comercializadora ${surname} Hermanos S.A. de C.V.`)]);
    // One letter dropped from the middle of the surname (6 of 11 trigrams shared: 0.55).
    const typo = `${surname.slice(0, 4)}${surname.slice(5)}`;
    const same = await caseWithSubjects(fbi, [business(`COMERCIALIZADORA ${typo.toUpperCase()} HERMANOS`)]);
    const hits = await hitsOf(fbi, same.id);
    expect(hits.map((h) => [h.matchType, h.counterpart.caseNumber])).toEqual([['ORGANIZATION', stored.caseNumber]]);

    const [en, es] = await Promise.all([undefined, 'es'].map((lang) => http('GET', `/deconfliction/hits/${hits[0].id}`, {
      token: coordinator, headers: lang ? { 'accept-language': lang } : {},
    })));
    const words = `${typo.toLowerCase()}/${surname.toLowerCase()}`;
    expect(en.body.reason).toMatch(new RegExp(`^organization name trigram 0\\.\\d\\d; distinctive words ${words} 0\\.55`));
    expect(es.body.reason).toMatch(new RegExp(`palabras distintivas ${words} 0\\.55`));
    // Each agent reads that the distinctive words agreed, not the other company's (api.md's `reason`, pointer-only).
    expect(hits[0].reason).toMatch(/^organization name trigram 0\.\d\d; distinctive words agree$/);
    const storedSide = await http('GET', `/cases/${stored.id}/hits`, { token: ice, headers: { 'accept-language': 'es' } });
    expect(storedSide.body.items.map((h: { reason: string }) => h.reason))
      .toEqual([expect.stringMatching(/^similitud de trigramas del nombre de la organización 0\.\d\d; las palabras distintivas coinciden$/)]);
  });

  it('answers a check with the same company, abbreviated, and not with its generic namesakes', async () => {
    const surname = companyWord('abbreviated');
    const stored = await caseWithSubjects(ice, [business(`Comercializadora ${surname} Hermanos Inc.`)]);
    const check = (name: string) => http('POST', '/deconfliction/checks', { token: atf, body: { subjects: [business(name)] } });
    const answered = (response: Awaited<ReturnType<typeof check>>) => {
      expect(response.status).toBe(200);
      return response.body.matches.filter((m: any) => m.counterpart.caseNumber === stored.caseNumber).map((m: any) => m.matchType);
    };

    expect(answered(await check(`COMERCIALIZADORA ${surname.toUpperCase()} HNOS`))).toEqual(['ORGANIZATION']);
    expect(answered(await check(`Comercializadora ${companyWord('generic')} Hermanos`))).toEqual([]);
  });
});
