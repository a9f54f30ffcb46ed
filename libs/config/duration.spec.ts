import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['4h', 14_400_000],
    ['2s', 2000],
    ['30m', 1_800_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1d', 86_400_000],
    ['1500', 1500],
  ])('%s -> %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '4 hours', '-1h', '2x'])('rejects %p', (text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration/);
  });
});
