import { suppressionKey } from './hit-suppression';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('suppressionKey: what a NO_CONFLICT resolution keeps from raising a hit again', () => {
  const base = suppressionKey('EMAIL', { caseId: A, value: 'ana@example.org' }, { caseId: B, value: 'ana@example.org' });

  it.each([
    ['the sides in the other order', 'EMAIL', { caseId: B, value: 'ana@example.org' }, { caseId: A, value: 'ana@example.org' }],
    ['the value re-entered in capitals', 'EMAIL', { caseId: A, value: 'ANA@EXAMPLE.ORG' }, { caseId: B, value: 'ana@example.org' }],
    ['the value with accents and spacing', 'PERSON', { caseId: A, value: 'José  Pérez' }, { caseId: B, value: 'jose perez' }],
  ])('is the same for %s', (_what, matchType, a, b) => {
    const reference = matchType === 'EMAIL' ? base : suppressionKey('PERSON', { caseId: A, value: 'Jose Perez' }, { caseId: B, value: 'JOSE PEREZ' });
    expect(suppressionKey(matchType, a, b)).toBe(reference);
  });

  it.each([
    ['another case on one side', 'EMAIL', { caseId: A, value: 'ana@example.org' }, { caseId: C, value: 'ana@example.org' }],
    ['another value', 'EMAIL', { caseId: A, value: 'ana@example.org' }, { caseId: B, value: 'eva@example.org' }],
    ['another kind of match', 'PHONE', { caseId: A, value: 'ana@example.org' }, { caseId: B, value: 'ana@example.org' }],
    ['a lookout with the same id as the case', 'EMAIL', { caseId: A, value: 'ana@example.org' }, { caseId: null, lookoutId: B, value: 'ana@example.org' }],
  ])('differs for %s', (_what, matchType, a, b) => {
    expect(suppressionKey(matchType, a, b)).not.toBe(base);
  });
});
