/**
 * A pure function of one string (a name token, or a name), remembered: grading a common name's thousands of candidates
 * asks the same few hundred tokens' keys and the same names' trigrams over and over, and recomputing them was about
 * 40 % of grading's time at 1,000,000 persons. Memory is bounded by forgetting everything at `limit` entries, which one
 * probe's tokens never come near. Callers must not mutate what it returns.
 */
export function remembered<T>(compute: (token: string) => T, limit = 50_000): (token: string) => T {
  const known = new Map<string, T>();
  return (token) => {
    let value = known.get(token);
    if (value === undefined) {
      if (known.size >= limit) known.clear();
      value = compute(token);
      known.set(token, value);
    }
    return value;
  };
}
