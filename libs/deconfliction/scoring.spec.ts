import { regionRelation, scoreEvent, scoreExact, scoreOrganization, scorePartialSerial, scorePerson } from './scoring';

const THRESHOLD = 0.7;

describe('scorePerson (threshold 0.7 by default)', () => {
  it.each([
    // trigram, agreeing, query, stored, dob, hit?
    ['same name, same DOB', 1, 4, 4, 4, 'EQUAL', true],
    ['reordered, accents folded (trigram high), same DOB', 0.92, 4, 4, 4, 'EQUAL', true],
    ['second surname dropped, same DOB', 0.55, 3, 3, 4, 'EQUAL', true],
    ['given name and second surname dropped, same DOB', 0.45, 2, 2, 4, 'EQUAL', true],
    ['full name, DOB unknown on one side', 0.95, 4, 4, 4, 'UNKNOWN', true],
    ['typo in a surname, DOB unknown', 0.7, 3, 3, 3, 'UNKNOWN', true],
    ['namesake with another DOB', 1, 4, 4, 4, 'DIFFERENT', false],
    ['one shared token and the same DOB (coincidence)', 0.25, 1, 3, 3, 'EQUAL', false],
    ['two of four tokens, DOB unknown', 0.4, 2, 4, 4, 'UNKNOWN', false],
  ] as const)('%s', (_label, trigram, agreeingTokens, queryTokens, storedTokens, dob, hit) => {
    const scored = scorePerson({ trigram, agreeingTokens, queryTokens, storedTokens, dob });
    expect(scored.score >= THRESHOLD).toBe(hit);
    expect(scored.score).toBeGreaterThanOrEqual(0);
    expect(scored.score).toBeLessThanOrEqual(1);
  });

  it('explains itself the way a coordinator reads it', () => {
    expect(scorePerson({ trigram: 0.823, agreeingTokens: 2, queryTokens: 3, storedTokens: 4, dob: 'EQUAL' }).reason)
      .toBe('name trigram 0.82, phonetic 2 of 3 tokens, DOB equal');
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

describe('scoreOrganization and scoreEvent', () => {
  it('passes the trigram through, rounded', () => expect(scoreOrganization(0.6666).score).toBe(0.67));
  it('calls every touching, overlapping pair of operations a conflict and says how close', () => {
    expect(scoreEvent({ distanceMeters: 299.996, radiusA: 100, radiusB: 200, overlapMinutes: 60 }))
      .toEqual({ score: 1, reason: 'operation areas 300 m apart (radii 100 + 200 m), windows overlap 60 min' });
  });
});
