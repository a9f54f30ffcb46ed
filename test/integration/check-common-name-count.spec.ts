import { ExtraApi, startExtraApi } from '../support/extra-api';
import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { capitalised, caseWithSubjects, distinctDobs } from '../support/review-fixtures';

/**
 * A check of a common name stops reading its namesakes at PERSON_CHECK_COUNT_CAP (issue 16, issue 20's person p95): the
 * answer says "at least N", and what a DOB or a shared identifier decides is still read, graded and answered one by
 * one, however many namesakes lie beyond the cap. An API with a cap of 8 meets 24 namesakes.
 */
describe('a check stops counting a common name at PERSON_CHECK_COUNT_CAP', () => {
  const COUNT_CAP = 8;
  let api: ExtraApi;
  let ice: string; let atf: string; let dea: string;

  beforeAll(async () => {
    api = await startExtraApi('api-count-cap', { PERSON_CHECK_COUNT_CAP: String(COUNT_CAP) });
    [ice, atf, dea] = await Promise.all(['ice.agent', 'atf.agent', 'dea.agent'].map((u) => login(u)));
  });
  afterAll(async () => { await api?.stop(); });

  const check = (body: unknown, headers: Record<string, string> = {}) =>
    http('POST', '/deconfliction/checks', { baseUrl: api.url, token: atf, body, headers });
  /** The audit entry of the caller's last check (the extra API writes to the shared database). */
  async function lastCheckAudit(): Promise<{ ambiguous?: unknown[] }> {
    const made = await http('GET', '/deconfliction/checks?direction=MADE&limit=1', { token: atf });
    expect(made.status).toBe(200);
    const [entry] = await withDb(async (db) => (await db.query(
      `SELECT details FROM audit_log WHERE action = 'deconfliction.checked' AND entity_id = $1`, [made.body.items[0].id])).rows);
    return entry.details;
  }

  /** 12 ICE and 12 DEA namesakes, each born on a day no other one is close to. */
  async function commonName() {
    const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const dobs = distinctDobs(24);
    const namesakes = (from: number) => dobs.slice(from, from + 12).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth }));
    await caseWithSubjects(dea, namesakes(12));
    const iceCase = await caseWithSubjects(ice, namesakes(0));
    return { name, dobs, iceCase };
  }

  it('answers at least the namesakes it graded, in English and Spanish, and audits that the count stopped', async () => {
    const { name } = await commonName();
    const answer = await check({ subjects: [{ kind: 'PERSON', fullName: name }] });
    expect(answer.status).toBe(200);
    expect(answer.body.matches).toEqual([]);
    expect(answer.body.ambiguous).toHaveLength(1);
    const [entry] = answer.body.ambiguous;
    expect(entry).toMatchObject({ matchType: 'PERSON', tier: 'POSSIBLE', matchedValue: name, atLeast: true });
    // It read the cap and one more: more than PERSON_POSSIBLE_MAX (5) POSSIBLE, at most COUNT_CAP + 1, never all 24.
    expect(entry.candidates).toBeGreaterThan(5);
    expect(entry.candidates).toBeLessThanOrEqual(COUNT_CAP + 1);
    expect(entry.reason).toContain(`at least ${entry.candidates} stored persons named like this in at least ${entry.cases} case`);

    const spanish = await check({ subjects: [{ kind: 'PERSON', fullName: name }] }, { 'accept-language': 'es' });
    expect(spanish.body.ambiguous[0].reason).toContain(`al menos ${spanish.body.ambiguous[0].candidates} personas registradas`);
    expect((await lastCheckAudit()).ambiguous).toEqual([{ matchType: 'PERSON', candidates: spanish.body.ambiguous[0].candidates,
      cases: spanish.body.ambiguous[0].cases, agencies: spanish.body.ambiguous[0].agencies, atLeast: true }]);
  });

  it('counts every namesake on the shared API, whose cap is above them', async () => {
    const { name } = await commonName();
    const answer = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects: [{ kind: 'PERSON', fullName: name }] } });
    expect(answer.status).toBe(200);
    expect(answer.body.ambiguous).toEqual([expect.objectContaining({ candidates: 24, cases: 2, agencies: ['DEA', 'ICE'], atLeast: false })]);
    expect(answer.body.ambiguous[0].reason).toContain('24 stored persons named like this in 2 cases');
  });

  it('still confirms the namesake born the same day, however many namesakes lie beyond the cap', async () => {
    const { name, dobs, iceCase } = await commonName();
    // ICE namesakes without a DOB, more than the cap: the only ones whose DOB is unknown to a check that gives one.
    const undated = await caseWithSubjects(ice, Array.from({ length: COUNT_CAP + 4 }, () => ({ kind: 'PERSON', fullName: name })));
    const answer = await check({ subjects: [{ kind: 'PERSON', fullName: name, dateOfBirth: dobs[3] }] });
    expect(answer.status).toBe(200);
    expect(answer.body.matches).toEqual([expect.objectContaining({
      matchType: 'PERSON', tier: 'CONFIRMED', matchedValue: name, counterpart: expect.objectContaining({ agency: 'ICE', caseNumber: iceCase.caseNumber }),
    })]);
    expect(answer.body.ambiguous).toEqual([expect.objectContaining({ agencies: ['ICE'], cases: 1, atLeast: true })]);
    expect(JSON.stringify(answer.body)).not.toContain(undated.caseNumber);
  });

  it('still confirms the namesake whose case holds the phone the check names', async () => {
    const phone = `+1 520 ${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    const { name } = await commonName();
    const created = await http('POST', '/cases', { token: dea, body: {
      title: `Phone ${uniqueWord()}`, category: 'DRUG_TRAFFICKING', subjects: [{ kind: 'PERSON', fullName: name }], identifiers: [{ type: 'PHONE', value: phone }],
    } });
    expect(created.status).toBe(201);
    const holder = created.body as { id: string; caseNumber: string };
    await eventually(() => http('GET', `/cases/${holder.id}`, { token: dea }), (r) => r.body.status === 'ACTIVE', 30_000);
    const answer = await check({ subjects: [{ kind: 'PERSON', fullName: name }], identifiers: [{ type: 'PHONE', value: phone }] });
    expect(answer.status).toBe(200);
    const persons = answer.body.matches.filter((m: { matchType: string }) => m.matchType === 'PERSON');
    expect(persons).toEqual([expect.objectContaining({
      tier: 'CONFIRMED', matchedValue: name, counterpart: expect.objectContaining({ agency: 'DEA', caseNumber: holder.caseNumber }),
    })]);
    expect(answer.body.ambiguous).toEqual([expect.objectContaining({ atLeast: true })]);
  });
});

/**
 * A name that could be rare because one of its spellings is ("Jamse", "Pepito"): its namesakes agreeing only through the
 * common spelling (James, José) cannot be PROBABLE without a DOB, so a check counts them as for a common name, while the
 * person who carries the rare spelling is still read and answered one by one.
 */
describe('a check counts the namesakes met through a common spelling of a rare one', () => {
  // Found through the tokens index, and (PERSON_RARE_SPELLINGS_INDEXED_MAX 0) among the persons blocked by name, in the
  // scan that also counts the others (person-candidates.ts oneUndatedRead).
  it.each([
    ['through the tokens index', {}],
    ['in the scan that counts the others', { PERSON_RARE_SPELLINGS_INDEXED_MAX: '0' }],
  ])('answers PROBABLE the person carrying the spelling checked, and at least N of the others (%s)', async (_way, settings: Record<string, string>) => {
    const [dea, atf] = await Promise.all(['dea.agent', 'atf.agent'].map((u) => login(u)));
    // The namesakes' given name and, one letter off, the checked one: m and r sound apart and are no other
    // transliteration of each other (names/transliteration-key.ts), so the two agree as a typo and nothing else. A
    // vowel in each word: a word without one is read as written from Arabic script (names/name-form-keys.ts).
    const withVowel = (word: string) => capitalised(`${word[0]}a${word.slice(2)}`);
    const [stem, surname] = [withVowel(uniqueWord()), withVowel(uniqueWord())];
    // The letter they differ in stands between a b and a d: beside an m or an r of its own it would double, and doubled
    // letters are one letter (transliteration-key.ts respell), so "Barrmbza" and "Barmmbza" would be one spelling and
    // the typo as common as the namesakes' (a rehearsal failed on that pair).
    const spelledWith = (letter: string) => `${stem.slice(0, 2)}b${letter}d${stem.slice(5)}`;
    const given = spelledWith('m');
    await caseWithSubjects(dea, distinctDobs(24).map((dateOfBirth) => ({ kind: 'PERSON', fullName: `${given} ${surname}`, dateOfBirth })));
    const typo = `${spelledWith('r')} ${surname}`;
    const carrier = await caseWithSubjects(dea, [{ kind: 'PERSON', fullName: typo }]);
    // The rare bar set from the population now, so that 24 persons' spellings are common and 1 person's rare, whatever
    // the shared database holds: 2 log2(N) - 7.1 bits, 2.3 bits from each (person-tier-rules.ts rareWeightFor).
    const [{ total }] = await withDb(async (db) => (await db.query(
      `SELECT greatest((SELECT coalesce(sum(persons), 0) FROM person_totals),
                       (SELECT reltuples::bigint FROM pg_class WHERE oid = 'person_keys'::regclass))::int AS total`)).rows);
    const api = await startExtraApi('api-rare-spelling', {
      PERSON_CHECK_COUNT_CAP: '8', PERSON_RARE_NAME_MIN_WEIGHT: (Math.log2(total) + 12.85).toFixed(2), ...settings,
    });
    try {
      const answer = await http('POST', '/deconfliction/checks', { baseUrl: api.url, token: atf, body: { subjects: [{ kind: 'PERSON', fullName: typo }] } });
      expect(answer.status).toBe(200);
      expect(answer.body.matches).toEqual([expect.objectContaining({
        matchType: 'PERSON', tier: 'PROBABLE', matchedValue: typo, counterpart: expect.objectContaining({ agency: 'DEA', caseNumber: carrier.caseNumber }),
      })]);
      // Counted, not all 24 graded: the scan stopped at the cap.
      expect(answer.body.ambiguous).toEqual([expect.objectContaining({ agencies: ['DEA'], atLeast: true })]);
      expect(answer.body.ambiguous[0].candidates).toBeLessThanOrEqual(9);
    } finally {
      await api.stop();
    }
  });
});
