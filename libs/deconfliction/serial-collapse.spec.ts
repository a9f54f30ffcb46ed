import type { Match } from './matching.repository';
import { collapseSerialParts } from './serial-collapse';

type Other = Partial<Match['other']> & { itemId: string };

const match = (own: string, other: Other, extra: Partial<Match> = {}): Match => ({
  matchType: 'FIREARM_SERIAL', score: 0.5, reason: 'obliterated serial: readable part 4471 found in the other serial', urgent: false,
  partialSerial: true, own: { itemId: own, value: '??4471??' },
  other: { caseId: `case-of-${other.itemId}`, lookoutId: null, seizureId: null, agency: 'ATF', value: 'GX44718823', ...other },
  ...extra,
});

const stored = (n: number, agency = 'ATF') => Array.from({ length: n }, (_, i) => ({ itemId: `${agency}-gun-${i}`, agency }));

describe('collapseSerialParts: a readable part meeting a crowd is one entry', () => {
  it.each([
    ['at the maximum: each stays a match', 5, 5, 0],
    ['one over: one crowd, no match left', 6, 0, 1],
  ])('%s', (_case, count, kept, crowds) => {
    const out = collapseSerialParts(stored(count).map((o) => match('gun', o)), 5);
    expect([out.kept.length, out.crowds.length]).toEqual([kept, crowds]);
  });

  it('counts stored firearms, records and agencies, and says so in both languages', () => {
    const met = [...stored(4, 'ICE'), ...stored(3, 'ATF')].map((o, i) => match('gun', { ...o, caseId: `case-${i % 5}` }));
    const [crowd] = collapseSerialParts(met, 5).crowds;
    expect({ candidates: crowd.candidates, cases: crowd.cases, agencies: crowd.agencies, value: crowd.value })
      .toEqual({ candidates: 7, cases: 5, agencies: ['ATF', 'ICE'], value: '??4471??' });
    expect(crowd.reason.en).toBe("7 stored serials share this obliterated serial's readable part, in 5 records of agencies ATF, ICE; nothing recorded tells them apart");
    expect(crowd.reason.es).toBe('7 números de serie registrados comparten la parte legible de este número borrado, en 5 registros de las agencias ATF, ICE; nada de lo registrado los distingue');
  });

  it('counts a seized firearm by its seizure', () => {
    const met = stored(6).map((o) => match('gun', { ...o, caseId: null, seizureId: 'seizure-1' }));
    expect(collapseSerialParts(met, 5).crowds[0].cases).toBe(1);
  });

  it('keeps exact serials, lookouts, other kinds and other firearms apart from the crowd', () => {
    const crowd = stored(6).map((o) => match('gun', o));
    const exact = match('gun', { itemId: 'exact' }, { partialSerial: undefined, score: 1 });
    const lookout = match('gun', { itemId: 'watch', caseId: null, lookoutId: 'lookout-1' });
    const phone = match('gun', { itemId: 'phone' }, { matchType: 'PHONE', partialSerial: undefined });
    const fewer = stored(2, 'DEA').map((o) => match('other-gun', o));
    const out = collapseSerialParts([...crowd, exact, lookout, phone, ...fewer], 5);
    expect(out.crowds.map((c) => [c.itemId, c.candidates])).toEqual([['gun', 6]]);
    expect(out.kept.map((m) => m.other.itemId)).toEqual(['exact', 'watch', 'phone', 'DEA-gun-0', 'DEA-gun-1']);
  });

  it('counts a stored firearm met through two readable parts once', () => {
    const twice = stored(5).flatMap((o) => [match('gun', o), match('gun', o, { score: 0.6 })]);
    expect(collapseSerialParts(twice, 5).crowds).toEqual([]);
  });
});
