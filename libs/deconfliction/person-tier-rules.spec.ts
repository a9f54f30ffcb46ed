import { nameWeight, NAME_TOKEN_M, tokenWeight, UNMATCHED_TOKEN_WEIGHT } from './person-name-weights';
import {
  closeDobs, dobCloseness, mayMatch, nameCanBeRare, PersonTierInput, personTier, rareSpellingCutoff, rareWeightFor, REFERENCE_POPULATION,
  StrongIdentifier,
} from './person-tier-rules';

const SETTINGS = { matchThreshold: 0.7, rareNameMinWeight: 24 };
const TOTAL = 1_000_000;
/** "José García": tens of thousands of stored persons carry each token. */
const COMMON = [40_000, 50_000];
/** "Xóchitl Iturbide": a handful do. */
const RARE = [30, 12];

/** The same two-token name on both sides (exact agreement, trigram 1): the names agree. */
const SAME_NAME = { trigram: 1, agreement: { exact: 2, sound: 0, typo: 0 }, queryTokens: 2, storedTokens: 2 };
/** One token of three shared by chance (scoring.spec's coincidence): the names do not agree, whatever the DOB. */
const ONE_TOKEN = { trigram: 0.25, agreement: { exact: 1, sound: 0, typo: 0 }, queryTokens: 3, storedTokens: 3 };
/** "Hassan Mansur" for a stored Hassan Mansour: the surname agrees by sound under another spelling. */
const BY_SOUND = { trigram: 0.7, agreement: { exact: 1, sound: 1, typo: 0 }, queryTokens: 2, storedTokens: 2 };
/** "José García" for a stored José García López: both query tokens agree, the stored second surname has no partner. */
const IN_PART = { trigram: 0.75, agreement: { exact: 2, sound: 0, typo: 0 }, queryTokens: 2, storedTokens: 3 };
/** "José Guadalupe Torres" for a stored José Guadalupe Santos: two tokens agree, the surnames are another's. */
const OTHER_TOKEN = { trigram: 0.8, agreement: { exact: 2, sound: 0, typo: 0 }, queryTokens: 3, storedTokens: 3 };
/** "Chuy" for a stored Jesús Méndez: the one query token agrees (as a nickname). */
const ONE_OF_TWO = { trigram: 0.7, agreement: { exact: 1, sound: 0, typo: 0 }, queryTokens: 1, storedTokens: 2 };
/** Tokens a few thousand stored persons carry: a name rare enough with a close DOB when it agrees entirely. */
const MEDIUM = [3_000, 3_000];
/** María Hernández for María Fernández: two established surnames one letter apart. */
const OTHER_SURNAME = { trigram: 0.68, agreement: { exact: 1, sound: 0, typo: 0 }, queryTokens: 2, storedTokens: 2 };

const input = (
  name: PersonTierInput['name'], queryDob: string | null, storedDob: string | null,
  tokenPersons: number[], sharedIdentifier: StrongIdentifier | null = null,
): PersonTierInput => ({ name, queryDob, storedDob, sharedIdentifier, frequency: { tokenPersons, totalPersons: TOTAL } });

describe('personTier (issue 16 rules)', () => {
  it('says why a transliterated name stays POSSIBLE, in English and Spanish', () => {
    const tier = personTier({ ...input(SAME_NAME, null, '1985-03-07', RARE), otherScript: true }, SETTINGS);
    expect(tier.reason.en).toContain('written from another script: rarity not judged without an equal DOB');
    expect(tier.reason.es).toContain('escrito desde otro alfabeto');
    expect(personTier(input(SAME_NAME, null, '1985-03-07', RARE), SETTINGS).reason.en).not.toContain('another script');
  });

  it('says why an equal DOB does not confirm a common name agreeing in part, in English and Spanish', () => {
    const tier = personTier(input(OTHER_TOKEN, '1985-03-07', '1985-03-07', COMMON), SETTINGS);
    expect(tier.reason.en).toMatch(/name agrees in part and is common \(\d\.\d bits\): the same DOB does not confirm it/);
    expect(tier.reason.es).toContain('la misma fecha de nacimiento no lo confirma');
    expect(personTier(input(IN_PART, '1985-03-07', '1985-03-07', RARE), SETTINGS).reason.en).not.toContain('agrees in part');
  });

  it('says why a name agreeing under another spelling stays POSSIBLE, in English and Spanish', () => {
    const tier = personTier(input(BY_SOUND, null, '1985-03-07', RARE), SETTINGS);
    expect(tier.reason.en).toContain('name agrees under another spelling: rarity not judged without an equal DOB');
    expect(tier.reason.es).toContain('el nombre coincide con otra grafía');
    expect(personTier(input(BY_SOUND, '1985-03-07', '1985-03-07', RARE), SETTINGS).reason.en).not.toContain('another spelling');
  });

  it.each([
    ['equal DOB, common name', 'CONFIRMED', input(SAME_NAME, '1985-03-07', '1985-03-07', COMMON)],
    ['day and month swapped', 'PROBABLE', input(SAME_NAME, '1985-03-07', '1985-07-03', RARE)],
    ['one digit off (day)', 'PROBABLE', input(SAME_NAME, '1985-03-07', '1985-03-01', RARE)],
    ['one digit off (decade)', 'PROBABLE', input(SAME_NAME, '1985-03-07', '1995-03-07', RARE)],
    ['same day and month one year apart', 'PROBABLE', input(SAME_NAME, '1985-03-07', '1986-03-07', RARE)],
    ['same day and month one year apart, across a decade', 'PROBABLE', input(SAME_NAME, '1999-12-31', '2000-12-31', RARE)],
    ['day and month swapped, common name (coincidences likely)', 'POSSIBLE', input(SAME_NAME, '1985-03-07', '1985-07-03', COMMON)],
    ['one digit off, common name', 'POSSIBLE', input(SAME_NAME, '1985-03-07', '1985-03-01', COMMON)],
    ['DOBs otherwise different, identical names', null, input(SAME_NAME, '1985-03-07', '1990-11-22', COMMON)],
    ['DOBs two digits off, identical rare names', null, input(SAME_NAME, '1985-03-07', '1985-04-08', RARE)],
    ['DOBs two years apart', null, input(SAME_NAME, '1989-03-07', '1991-03-07', RARE)],
    ['DOBs different even with a shared phone', null, input(SAME_NAME, '1985-03-07', '1990-11-22', RARE, 'PHONE')],
    ['stored DOB unknown, rare name', 'PROBABLE', input(SAME_NAME, '1985-03-07', null, RARE)],
    ['query DOB unknown, rare name', 'PROBABLE', input(SAME_NAME, null, '1985-03-07', RARE)],
    ['DOB unknown, common name ("José García")', 'POSSIBLE', input(SAME_NAME, '1985-03-07', null, COMMON)],
    ['both DOBs unknown, common name', 'POSSIBLE', input(SAME_NAME, null, null, COMMON)],
    ['DOB unknown, rare as written but agreeing as another transliteration', 'POSSIBLE',
      { ...input(SAME_NAME, null, '1985-03-07', RARE), forms: [{ kind: 'transliteration', query: 'yousif', stored: 'yusuf' }] }],
    ['DOB unknown, rare as written but agreeing as a nickname', 'PROBABLE',
      { ...input(SAME_NAME, null, '1985-03-07', RARE), forms: [{ kind: 'nickname', query: 'nacho', stored: 'ignacio' }] }],
    ['DOB unknown, rare as written in another script', 'POSSIBLE', { ...input(SAME_NAME, null, '1985-03-07', RARE), otherScript: true }],
    ['equal DOB, written in another script', 'CONFIRMED', { ...input(SAME_NAME, '1985-03-07', '1985-03-07', RARE), otherScript: true }],
    ['close DOB, rare as written in another script', 'POSSIBLE', { ...input(SAME_NAME, '1985-03-07', '1985-07-03', RARE), otherScript: true }],
    ['close DOB, rare, agreeing as another transliteration', 'POSSIBLE',
      { ...input(SAME_NAME, '1985-03-07', '1985-07-03', RARE), forms: [{ kind: 'transliteration', query: 'yousif', stored: 'yusuf' }] }],
    ['DOB unknown, rare, a token agreeing only by sound under another spelling', 'POSSIBLE', input(BY_SOUND, null, '1985-03-07', RARE)],
    ['close DOB, rare, a token agreeing only by sound', 'POSSIBLE', input(BY_SOUND, '1985-03-07', '1985-07-03', RARE)],
    ['equal DOB, a token agreeing only by sound', 'CONFIRMED', input(BY_SOUND, '1985-03-07', '1985-03-07', RARE)],
    ['DOB unknown, agreeing by sound, shared phone', 'CONFIRMED', input(BY_SOUND, null, '1985-03-07', RARE, 'PHONE')],
    ['equal DOB, common name lacking a surname the other has (nothing disagrees)', 'CONFIRMED', input(IN_PART, '1985-03-07', '1985-03-07', COMMON)],
    ['equal DOB, common name with another surname', 'POSSIBLE', input(OTHER_TOKEN, '1985-03-07', '1985-03-07', COMMON)],
    ['equal DOB, common name agreeing on one token only', 'POSSIBLE', input(ONE_OF_TWO, '1985-03-07', '1985-03-07', COMMON)],
    ['equal DOB, rare name with another surname', 'CONFIRMED', input(OTHER_TOKEN, '1985-03-07', '1985-03-07', RARE)],
    ['equal DOB, name agreeing in part on tokens a few thousand carry', 'CONFIRMED', input(IN_PART, '1985-03-07', '1985-03-07', MEDIUM)],
    ['equal DOB, rare name agreeing in part', 'CONFIRMED', input(IN_PART, '1985-03-07', '1985-03-07', RARE)],
    ['equal DOB, common name agreeing in part, shared plate', 'CONFIRMED', input(IN_PART, '1985-03-07', '1985-03-07', COMMON, 'VEHICLE_PLATE')],
    ['close DOB, medium name agreeing entirely', 'PROBABLE', input(SAME_NAME, '1985-03-07', '1985-07-03', MEDIUM)],
    ['close DOB, medium name agreeing in part (the unmatched token counts against)', 'POSSIBLE', input(IN_PART, '1985-03-07', '1985-07-03', MEDIUM)],
    ['shared phone, one DOB unknown, common name', 'CONFIRMED', input(SAME_NAME, null, '1985-03-07', COMMON, 'PHONE')],
    ['shared VIN, both DOBs unknown', 'CONFIRMED', input(SAME_NAME, null, null, COMMON, 'VIN')],
    ['shared serial, DOB one digit off', 'CONFIRMED', input(SAME_NAME, '1985-03-07', '1985-03-01', COMMON, 'FIREARM_SERIAL')],
    ['names do not agree, equal DOB', null, input(ONE_TOKEN, '1985-03-07', '1985-03-07', RARE)],
    ['names do not agree, DOB unknown, rare name', null, input(OTHER_SURNAME, null, '1985-03-07', RARE)],
    ['names do not agree, shared e-mail', null, input(OTHER_SURNAME, null, null, RARE, 'EMAIL')],
  ] as const)('%s → %s', (_label, tier, given) => {
    expect(personTier(given, SETTINGS).tier).toBe(tier);
    // What a probe asks first, before reading counts and identifiers: false exactly where no tier can follow.
    expect(mayMatch(given.name, given.queryDob, given.storedDob, SETTINGS)).toBe(tier !== null);
  });

  it('refuses DOBs that disagree even where the names alone would pass a lower match threshold', () => {
    const lenient = { ...SETTINGS, matchThreshold: 0.5 };
    expect(personTier(input(SAME_NAME, '1985-03-07', '1990-11-22', RARE), lenient).tier).toBeNull();
    expect(personTier(input(SAME_NAME, '1985-03-07', '1990-11-22', RARE, 'EMAIL'), lenient).tier).toBeNull();
    expect(personTier(input(SAME_NAME, '1985-03-07', '1985-07-03', RARE), lenient).tier).toBe('PROBABLE');
  });

  it('reads rarity against the configured threshold', () => {
    const given = input(SAME_NAME, null, '1985-03-07', RARE);
    const { nameWeight: weight } = personTier(given, SETTINGS);
    expect(personTier(given, { ...SETTINGS, rareNameMinWeight: weight - 0.1 }).tier).toBe('PROBABLE');
    expect(personTier(given, { ...SETTINGS, rareNameMinWeight: weight + 0.1 }).tier).toBe('POSSIBLE');
  });

  it('scores the name as a person hit does today, a close DOB counting as unknown', () => {
    expect(personTier(input(SAME_NAME, '1985-03-07', '1985-03-07', COMMON), SETTINGS).score).toBe(1);
    expect(personTier(input(SAME_NAME, '1985-03-07', '1985-07-03', COMMON), SETTINGS).score).toBe(0.9);
    expect(personTier(input(SAME_NAME, null, null, COMMON), SETTINGS).score).toBe(0.9);
    expect(personTier(input(SAME_NAME, '1985-03-07', '1990-11-22', COMMON), SETTINGS).score).toBe(0.6);
  });
});

describe('personTier reasons, in English and Spanish', () => {
  const typo = { trigram: 0.8, agreement: { exact: 2, sound: 0, typo: 1 }, queryTokens: 3, storedTokens: 3 };
  it.each([
    [
      input(typo, '1985-03-07', '1985-03-07', COMMON),
      'same DOB; name 3 of 3 tokens agree (2 same spelling, 1 one letter off)',
      'misma fecha de nacimiento; nombre: coinciden 3 de 3 palabras (2 idénticas, 1 con una letra distinta)',
    ],
    [
      input({ ...SAME_NAME, agreement: { exact: 1, sound: 1, typo: 0 } }, '1985-03-07', '1985-07-03', COMMON),
      'DOB day and month swapped; name 2 of 2 tokens agree (1 same spelling, 1 same sound)',
      'fecha de nacimiento con día y mes intercambiados; nombre: coinciden 2 de 2 palabras (1 idéntica, 1 suena igual)',
    ],
    [
      input(SAME_NAME, null, '1985-03-07', RARE),
      'DOB unknown on one side; name 2 of 2 tokens agree (2 same spelling); rare name (31.2 bits)',
      'fecha de nacimiento desconocida en un lado; nombre: coinciden 2 de 2 palabras (2 idénticas); nombre poco común (31.2 bits)',
    ],
    [
      input(SAME_NAME, null, null, COMMON, 'VEHICLE_PLATE'),
      'DOB unknown on both sides; name 2 of 2 tokens agree (2 same spelling); shared plate; common name (8.8 bits)',
      'fecha de nacimiento desconocida en ambos lados; nombre: coinciden 2 de 2 palabras (2 idénticas); placa en común; ' +
      'nombre común (8.8 bits)',
    ],
    [
      {
        ...input({ trigram: 0.5, agreement: { exact: 1, sound: 0, typo: 0, nickname: 1 }, queryTokens: 2, storedTokens: 2 },
          '1985-03-07', '1985-03-07', COMMON),
        forms: [{ kind: 'nickname' as const, query: 'bob', stored: 'robert' }],
      },
      'same DOB; name 2 of 2 tokens agree (1 same spelling, 1 given name nickname (Bob/Robert))',
      'misma fecha de nacimiento; nombre: coinciden 2 de 2 palabras (1 idéntica, 1 hipocorístico del nombre de pila (Bob/Robert))',
    ],
    [
      {
        ...input({ trigram: 0.6, agreement: { exact: 1, sound: 0, typo: 0, transliteration: 1 }, queryTokens: 2, storedTokens: 2 },
          '1985-03-07', '1985-03-07', COMMON),
        forms: [{ kind: 'transliteration' as const, query: 'djamel', stored: 'jamal' }],
      },
      'same DOB; name 2 of 2 tokens agree (1 same spelling, 1 other transliteration (Djamel/Jamal))',
      'misma fecha de nacimiento; nombre: coinciden 2 de 2 palabras (1 idéntica, 1 otra transliteración (Djamel/Jamal))',
    ],
  ])('%#', (given, en, es) => {
    expect(personTier(given, SETTINGS).reason).toEqual({ en, es });
  });
});

describe('dobCloseness', () => {
  it.each([
    ['1985-03-07', '1985-03-07', 'EQUAL'],
    ['1985-03-07', '1985-07-03', 'DAY_MONTH_SWAPPED'],
    ['1985-03-07', '1986-03-07', 'YEAR_APART'],
    ['1986-03-07', '1985-03-07', 'YEAR_APART'],
    ['1985-03-07', '1985-03-08', 'ONE_DIGIT_OFF'],
    ['1985-03-07', '1985-07-04', 'DIFFERENT'],
    ['1985-03-07', '1984-07-03', 'DIFFERENT'],
    [null, '1985-03-07', 'UNKNOWN'],
    ['1985-03-07', null, 'UNKNOWN'],
  ] as const)('%s vs %s → %s', (a, b, closeness) => {
    expect(dobCloseness(a, b)).toBe(closeness);
  });

  it('refuses a date that is not ISO', () => {
    expect(() => dobCloseness('07/03/1985', '1985-03-07')).toThrow(/ISO/);
  });
});

describe('name weights (Fellegi-Sunter, from stored frequencies)', () => {
  it('is log2(m/u) with u the share of stored persons carrying the token', () => {
    expect(tokenWeight(1_000, TOTAL)).toBeCloseTo(Math.log2(NAME_TOKEN_M / 0.001), 10);
    // A token nobody carries yet counts as one person.
    expect(tokenWeight(0, TOTAL)).toBe(tokenWeight(1, TOTAL));
  });

  it.each([[1, 10], [10, 1_000], [1_000, 40_000], [40_000, TOTAL]])('a token on %i persons outweighs one on %i', (rarer, commoner) => {
    expect(tokenWeight(rarer, TOTAL)).toBeGreaterThan(tokenWeight(commoner, TOTAL));
  });

  it('counts each token left without a partner against the name, as log2(1 - m)', () => {
    expect(UNMATCHED_TOKEN_WEIGHT).toBeCloseTo(Math.log2(0.05), 10);
    expect(nameWeight(RARE, TOTAL, 2)).toBeCloseTo(nameWeight(RARE, TOTAL) + 2 * Math.log2(0.05), 10);
  });

  it('adds the agreeing tokens, so a rare name outweighs a common one', () => {
    expect(nameWeight(RARE, TOTAL)).toBeCloseTo(tokenWeight(30, TOTAL) + tokenWeight(12, TOTAL), 10);
    expect(nameWeight(RARE, TOTAL)).toBeGreaterThan(SETTINGS.rareNameMinWeight);
    expect(nameWeight(COMMON, TOTAL)).toBeLessThan(SETTINGS.rareNameMinWeight);
  });
});

describe('closeDobs (what blocking looks up besides the same day)', () => {
  it.each([
    ['1985-03-07', '1985-07-03'], ['1985-03-07', '1984-03-07'], ['1985-03-07', '1986-03-07'], ['1985-03-07', '1985-03-08'],
    ['1985-03-07', '1995-03-07'], ['1985-03-07', '1985-08-07'],
  ])('from %s finds %s', (dob, close) => {
    expect(closeDobs(dob)).toContain(close);
    expect(dobCloseness(dob, close)).not.toBe('DIFFERENT');
  });

  it('lists only real dates, each close, never the date itself', () => {
    const all = closeDobs('2000-02-29');
    expect(all).not.toContain('2000-02-29');
    expect(all).not.toContain('1999-02-29');
    expect(all.every((d) => !Number.isNaN(Date.parse(d)) && dobCloseness('2000-02-29', d) !== 'DIFFERENT')).toBe(true);
  });
});

describe('rarity moves with the stored population', () => {
  it('keeps the configured weight at the reference population and lowers it by log2 for a smaller one', () => {
    expect(rareWeightFor(24, REFERENCE_POPULATION)).toBeCloseTo(24);
    expect(rareWeightFor(24, REFERENCE_POPULATION / 1024)).toBeCloseTo(14);
  });
});

describe('nameCanBeRare (whether a check may count a name\'s namesakes instead of grading each)', () => {
  it.each([
    ['a common two-token name', COMMON, TOTAL, false],
    ['a rare two-token name', RARE, TOTAL, true],
    ['one rare token beside a common one', [30, 50_000], TOTAL, false],
    ['a common name in a young database, where the bar is lower too', [40, 50], 1_000, false],
    ['four tokens of medium frequency', [2_000, 3_000, 2_500, 4_000], TOTAL, true],
  ])('%s', (_label, family, total, expected) => {
    expect(nameCanBeRare(family, total, SETTINGS.rareNameMinWeight)).toBe(expected);
  });

  it('bounds every tier the name can take with a DOB unknown on one side: no name it calls common is PROBABLE', () => {
    // The most a candidate can weigh is every query token paired with a stored token as rare as the query's own.
    const common = [3_000, 8_000];
    expect(nameCanBeRare(common, TOTAL, SETTINGS.rareNameMinWeight)).toBe(false);
    expect(personTier(input(SAME_NAME, '1980-01-01', null, common), SETTINGS).tier).toBe('POSSIBLE');
    // A little rarer and the bound admits a PROBABLE one, which the check then grades in full.
    const rarer = [100, 200];
    expect(nameCanBeRare(rarer, TOTAL, SETTINGS.rareNameMinWeight)).toBe(true);
    expect(personTier(input(SAME_NAME, '1980-01-01', null, rarer), SETTINGS).tier).toBe('PROBABLE');
  });

  it('ignores tokens so common that they weigh nothing', () => {
    expect(nameCanBeRare([...RARE, TOTAL], TOTAL, SETTINGS.rareNameMinWeight)).toBe(nameCanBeRare(RARE, TOTAL, SETTINGS.rareNameMinWeight));
  });
});

describe('rareSpellingCutoff (which spellings a check reads one by one; namesakes through the others are counted)', () => {
  const cutoff = (family: number[], total = TOTAL) => rareSpellingCutoff(family, total, SETTINGS.rareNameMinWeight);

  it.each([
    ['a common two-token name', COMMON, TOTAL],
    ['one rare token beside a common one', [30, 50_000], TOTAL],
    ['a common name in a young database', [40, 50], 1_000],
  ])('is 1 for %s, as nameCanBeRare is false', (_label, family, total) => {
    expect(nameCanBeRare(family, total, SETTINGS.rareNameMinWeight)).toBe(false);
    expect(cutoff(family, total)).toBe(1);
  });

  it.each([
    ['a rare two-token name', RARE],
    ['a rare given name with a common surname and a rarer one', [30, 3_000, 50_000]],
    ['four tokens of medium frequency', [2_000, 3_000, 2_500, 4_000]],
    ['a typo of a common given name with two medium surnames', [0, 800, 1_200]],
  ])('for %s: a stored name whose every spelling is that common is POSSIBLE, one person fewer PROBABLE', (_label, family) => {
    const at = cutoff(family);
    expect(at).toBeGreaterThan(1);
    const tier = (persons: number) => personTier({
      name: { trigram: 1, agreement: { exact: family.length, sound: 0, typo: 0 }, queryTokens: family.length, storedTokens: family.length },
      queryDob: '1980-01-01', storedDob: null, sharedIdentifier: null,
      frequency: { tokenPersons: family.map((f) => Math.max(f, persons)), totalPersons: TOTAL },
    }, SETTINGS).tier;
    expect(tier(at)).toBe('POSSIBLE');
    expect(tier(at - 1)).toBe('PROBABLE');
  });

  it('falls as the query\'s tokens get commoner: fewer spellings are read one by one', () => {
    expect(cutoff([10, 200])).toBeGreaterThan(cutoff([10, 2_000]));
    expect(cutoff([10, 2_000])).toBeGreaterThan(1);
  });
});
