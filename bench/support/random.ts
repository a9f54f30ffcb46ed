/**
 * Seeded randomness for the deconfliction bench. Every generated row is a pure function of (seed, stream, index), so
 * the bench can regenerate row 123,456 later to build a query that must hit it, without keeping 3M rows in memory.
 */
export type Rng = () => number;

/** sfc32: 128 bits of state, so rows seeded from distinct (stream, index) pairs do not collide as 32-bit seeds would. */
function sfc32(a: number, b: number, c: number, d: number): Rng {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A generator of its own for row `index` of `stream` (e.g. 'person'), independent of every other row. */
export function rngFor(seed: number, stream: string, index: number): Rng {
  const rng = sfc32(hashText(stream), index >>> 0, seed >>> 0, Math.floor(index / 4294967296) ^ 0x9e3779b9);
  for (let i = 0; i < 12; i += 1) rng();
  return rng;
}

export const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Standard normal draw (Box-Muller). */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Zipf-like picker: rank k has weight 1/k^s. Real name frequencies are skewed (García, José), and the skew is what
 * makes phonetic posting lists long, so a uniform draw would flatter the person probe.
 */
export function zipfPicker<T>(items: readonly T[], s: number): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, k) => { total += 1 / (k + 1) ** s; cumulative.push(total); });
  return (rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1; else hi = mid;
    }
    return items[lo];
  };
}

const HEX = '0123456789abcdef';

/** A version-4-shaped uuid drawn from the row's generator, so the row's id can be recomputed. */
export function uuidOf(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 32; i += 1) {
    let nibble = Math.floor(rng() * 16);
    if (i === 12) nibble = 4;
    if (i === 16) nibble = 8 + (nibble & 3);
    out += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}
