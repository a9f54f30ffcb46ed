/**
 * Values of case n: a letters-only name and a date of birth of its own (for n < 20,000), so persons never match by
 * accident. A check that must miss uses n from 4,000,000 on: a name no case has.
 */
export const phoneOf = (n: number) => `+1520${5_000_000 + n}`;
export const serialOf = (n: number) => `LD${100_000 + n}`;
export const nameOf = (n: number) => String(n + 1_000_000).split('').reverse().map((d) => 'BCDFGHJKLM'[Number(d)]).join('');
export const personOf = (n: number) => ({
  kind: 'PERSON' as const, fullName: `${nameOf(n)}a ${nameOf(n)}o`,
  dateOfBirth: new Date(Date.UTC(1950, 0, 1) + ((n % 20_000) + 1000) * 86_400_000).toISOString().slice(0, 10),
});
