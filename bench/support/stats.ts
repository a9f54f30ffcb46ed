export interface Sample { latenciesMs: number[]; elapsedMs: number; errors: number }

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Runs `total` calls of `work` with at most `concurrency` in flight; records each call's latency. */
export async function runConcurrent(total: number, concurrency: number, work: (i: number) => Promise<void>): Promise<Sample> {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      try { await work(i); } catch { errors += 1; }
      latenciesMs.push(performance.now() - t0);
    }
  }));
  return { latenciesMs, elapsedMs: performance.now() - started, errors };
}

export function row(workload: string, sample: Sample): string[] {
  const sorted = [...sample.latenciesMs].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  return [workload, String(sorted.length), f(percentile(sorted, 50)), f(percentile(sorted, 95)), f(percentile(sorted, 99)),
    (sorted.length / (sample.elapsedMs / 1000)).toFixed(1), String(sample.errors)];
}

export function printTable(rows: string[][]): void {
  const header = ['workload', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'per s', 'errors'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
