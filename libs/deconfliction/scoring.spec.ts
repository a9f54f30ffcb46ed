import {
  DobRelation, minTrigramFor, regionRelation, scoreEvent, scoreExact, scorePartialSerial, personScore,
} from './scoring';

const THRESHOLD = 0.7;

describe('personScore (threshold 0.7 by default)', () => {
  // Trigrams are pg_trgm's similarity of the folded names; agreement is what alignTokens pairs (person-tokens.spec).
  it.each([
    // label (query vs stored), trigram, [exact, sound, typo], query tokens, stored tokens, dob, hit?
    ['José Ángel Martínez Gómez, same DOB', 1, [4, 0, 0], 4, 4, 'EQUAL', true],
    ['"Martínez Gómez, José Ángel": reordered, accents folded, same DOB', 1, [4, 0, 0], 4, 4, 'EQUAL', true],
    ['"José Ángel Martínez": second surname dropped, same DOB', 0.8, [3, 0, 0], 3, 4, 'EQUAL', true],
    ['"José Martínez": given name and second surname dropped, same DOB', 0.56, [2, 0, 0], 2, 4, 'EQUAL', true],
    ['"Muhammad Contreras" for Mohammed Contreras (transliteration), same DOB', 0.52, [1, 1, 0], 2, 2, 'EQUAL', true],
    ['full name, DOB unknown on one side', 1, [4, 0, 0], 4, 4, 'UNKNOWN', true],
    ['"José García" for José García, DOB unknown (namesakes look the same)', 1, [2, 0, 0], 2, 2, 'UNKNOWN', true],
    ['"José Ángel Martínez": second surname dropped, DOB unknown', 0.8, [3, 0, 0], 3, 4, 'UNKNOWN', true],
    ['"Chlarles Moore" for Charles Moore (a typo: nobody else is "chlarles"), DOB unknown', 0.71, [1, 0, 1], 2, 2, 'UNKNOWN', true],
    ['"Luis Ximénez Navarro" for Luis Jiménez Navarro (old x for j), DOB unknown', 0.75, [2, 0, 1], 3, 3, 'UNKNOWN', true],
    ['"Guadalupe Veltrán Ortiz" for Guadalupe Beltrán Ortiz (b/v), DOB unknown', 0.78, [2, 0, 1], 3, 3, 'UNKNOWN', true],
    ['"Juan Juana Delgadillo" for Juan Delgadillo (Juana does not count twice)', 0.89, [2, 0, 0], 3, 2, 'UNKNOWN', true],
    ['"José Reyes" for José Reyes Hernández: half the name dropped, DOB unknown', 0.52, [2, 0, 0], 2, 3, 'UNKNOWN', false],
    ['"Muhammad Contreras" for Mohammed Contreras, DOB unknown: spelling too far', 0.52, [1, 1, 0], 2, 2, 'UNKNOWN', false],
    ['"María Hernández" for María Fernández: two established surnames, DOB unknown', 0.68, [1, 0, 0], 2, 2, 'UNKNOWN', false],
    ['"Mario García López" for María García López: gender forms differ, DOB unknown', 0.85, [2, 0, 0], 3, 3, 'UNKNOWN', false],
    ['"José Luis García" for José Manuel García, DOB unknown', 0.5, [2, 0, 0], 3, 3, 'UNKNOWN', false],
    ['namesake with another DOB', 1, [4, 0, 0], 4, 4, 'DIFFERENT', false],
    ['one shared token and the same DOB (coincidence)', 0.25, [1, 0, 0], 3, 3, 'EQUAL', false],
  ] as const)('%s', (_label, trigram, [exact, sound, typo], queryTokens, storedTokens, dob, hit) => {
    const score = personScore({ trigram, agreement: { exact, sound, typo }, queryTokens, storedTokens, dob });
    expect(score >= THRESHOLD).toBe(hit);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  });

  it('counts a nickname a little less than the same given name (issue 21)', () => {
    const score = (agreement: { exact: number; sound: number; typo: number; nickname?: number }) =>
      personScore({ trigram: 0.45, agreement, queryTokens: 2, storedTokens: 2, dob: 'EQUAL' });
    const same = score({ exact: 2, sound: 0, typo: 0 });
    const nickname = score({ exact: 1, sound: 0, typo: 0, nickname: 1 });
    const none = score({ exact: 1, sound: 0, typo: 0 });
    expect(nickname).toBeLessThan(same);
    expect(nickname).toBeGreaterThan(none);
    // "Bob Smith" for Robert Smith with the same DOB is a hit; one surname alone is not.
    expect(nickname).toBeGreaterThanOrEqual(THRESHOLD);
    expect(none).toBeLessThan(THRESHOLD);
  });
});

describe('minTrigramFor (what SQL may drop before scoring)', () => {
  const full = { exact: 3, sound: 0, typo: 0 };
  it.each([
    ['EQUAL', 0.7], ['UNKNOWN', 0.7], ['UNKNOWN', 0.6], ['UNKNOWN', 0.8], ['EQUAL', 0.9], ['DIFFERENT', 0.5],
  ] as const)('with DOB %s at threshold %p: under the bound never hits, just over it every token agreeing does', (dob: DobRelation, threshold) => {
    const bound = minTrigramFor(dob, threshold);
    const score = (trigram: number) => personScore({ trigram, agreement: full, queryTokens: 3, storedTokens: 3, dob });
    for (const under of [bound - 0.001, bound - 0.01, bound / 2].filter((t) => t >= 0 && t <= 1)) {
      expect(score(under)).toBeLessThan(threshold);
    }
    if (bound + 0.02 <= 1) expect(score(bound + 0.02)).toBeGreaterThanOrEqual(threshold);
  });

  it('rules out a different DOB at the default threshold, and nothing at threshold 0', () => {
    expect(minTrigramFor('DIFFERENT', 0.7)).toBeGreaterThan(1);
    expect(minTrigramFor('UNKNOWN', 0)).toBe(0);
  });
});

describe('scoreExact and regions', () => {
  it.each([
    ['PHONE', 'NOT_APPLICABLE', 1],
    ['VEHICLE_PLATE', 'EQUAL', 1],
    ['VEHICLE_PLATE', 'UNKNOWN', 0.9],
    ['VEHICLE_PLATE', 'DIFFERENT', null],
  ] as const)('%s with region %s scores %p', (type, region, score) => {
    expect(scoreExact(type, region)?.score ?? null).toBe(score);
  });

  it.each([
    ['AZ', 'AZ', true, 'EQUAL'], ['AZ', null, true, 'UNKNOWN'], ['AZ', 'SON', true, 'DIFFERENT'], ['AZ', 'SON', false, 'NOT_APPLICABLE'],
  ] as const)('region %p vs %p', (a, b, applies, expected) => expect(regionRelation(a, b, applies)).toBe(expected));
});

describe('scorePartialSerial', () => {
  it.each([
    ['123456', 'AK123456Z', 0.67],
    ['4471', 'KZ44719', 0.57],
    ['ABCDEFGHIJ', 'ABCDEFGHIJ', 0.95],
  ])('%s inside %s scores %p', (readable, other, score) => expect(scorePartialSerial(readable, other).score).toBe(score));
});

describe('scoreEvent', () => {
  it('calls every touching, overlapping pair of operations a conflict and says how close', () => {
    expect(scoreEvent({ distanceMeters: 299.996, radiusA: 100, radiusB: 200, overlapMinutes: 60 }))
      .toEqual({
        score: 1, reason: 'operation areas 300 m apart (radii 100 + 200 m), windows overlap 60 min',
        reasonEs: 'áreas de operación a 300 m (radios 100 + 200 m), las ventanas se traslapan 60 min',
      });
  });
});

describe('reasons in Spanish for the partner agencies', () => {
  it.each([
    [scoreExact('PHONE', 'NOT_APPLICABLE'), 'teléfono (E.164) igual tras normalizar'],
    [scoreExact('VEHICLE_PLATE', 'EQUAL'), 'placa igual tras normalizar, misma región'],
    [scoreExact('VEHICLE_PLATE', 'UNKNOWN'), 'placa igual tras normalizar, región no conocida en ambos lados'],
    [scorePartialSerial('4471', 'KZ44719'), 'número de serie borrado: la parte legible 4471 aparece en el otro número de serie'],
  ])('%#: %s', (scored, reasonEs) => expect(scored?.reasonEs).toBe(reasonEs));
});
