import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => { t += ms; } };
  };

  it('lets a burst of `limit` through, then refuses with the wait for the next token', () => {
    const c = clock();
    const buckets = new TokenBuckets(3, 60_000, c.now);
    expect([1, 2, 3].map(() => buckets.take('u').allowed)).toEqual([true, true, true]);
    expect(buckets.take('u')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    c.advance(19_000);
    expect(buckets.take('u')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    c.advance(1_000);
    expect(buckets.take('u').allowed).toBe(true);
    expect(buckets.take('u').allowed).toBe(false);
  });

  it.each([
    ['refills at limit per window', 120, 60_000, 30_000, 60],
    ['never above the burst size', 5, 1_000, 3_600_000, 5],
  ])('%s', (_name, limit, windowMs, idleMs, expectedAllowed) => {
    const c = clock();
    const buckets = new TokenBuckets(limit, windowMs, c.now);
    for (let i = 0; i < limit; i += 1) buckets.take('u');
    c.advance(idleMs);
    let allowed = 0;
    while (buckets.take('u').allowed) allowed += 1;
    expect(allowed).toBe(expectedAllowed);
  });

  it('keeps users apart, and limit 0 turns limiting off', () => {
    const c = clock();
    const buckets = new TokenBuckets(1, 1_000, c.now);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
    const off = new TokenBuckets(0, 1_000, c.now);
    expect(Array.from({ length: 1000 }, () => off.take('a').allowed).every(Boolean)).toBe(true);
  });

  it('reports a refused key at most once per window', () => {
    const c = clock();
    const buckets = new TokenBuckets(1, 10_000, c.now);
    expect(buckets.shouldReport('u')).toBe(true);
    expect(buckets.shouldReport('u')).toBe(false);
    c.advance(9_999);
    expect(buckets.shouldReport('u')).toBe(false);
    c.advance(1);
    expect(buckets.shouldReport('u')).toBe(true);
    expect(buckets.shouldReport('v')).toBe(true);
  });
});
