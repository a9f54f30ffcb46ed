import { percentile, Sample } from './stats';

/** Small printing helpers for the deconfliction bench's tables and its targets section. */

export function printGrid(header: string[], rows: string[][]): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** "p50 / p95 / p99" of some latencies in ms, one decimal each. */
export function spreadMs(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1)).join(' / ');
}

export const p95 = (s: Sample): number => percentile([...s.latenciesMs].sort((a, b) => a - b), 95);
export const ratio = (n: number, d: number): string => (d === 0 ? 'n/a' : (n / d).toFixed(3));
export const seconds = (ms: number): string => (ms / 1000).toFixed(1);

export interface Target { name: string; measured: string; pass: boolean }

export function target(name: string, value: number, limit: number, direction: '<=' | '>=', unit = ''): Target {
  const pass = direction === '<=' ? value <= limit : value >= limit;
  const shown = unit ? `${value.toFixed(1)} ${unit}` : value.toFixed(3);
  return { name: `${name} ${direction} ${limit}${unit ? ` ${unit}` : ''}`, measured: shown, pass };
}

export function printTargets(targets: Target[]): void {
  console.log('');
  console.log('targets');
  printGrid(['target', 'measured', 'result'], targets.map((t) => [t.name, t.measured, t.pass ? 'PASS' : 'MISS']));
}
