import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

/**
 * Loaded into the API with NODE_OPTIONS=--require by bench/check-overhead.ts (CHECK_HOOK_DIR set): counts the SQL
 * statements the process sends (each `pg` query is one round trip) and, with CHECK_HOOK_PROFILE=1, CPU-profiles it,
 * between two SIGWINCHs (Nest takes SIGUSR2 for shutdown; SIGWINCH is ignored by default), so a phase can be measured
 * without restarting the process. Outside that bench it does nothing.
 */
/** Per statement text: how many were sent, and the milliseconds from sending each to its answer (summed). */
export type StatementCounts = Record<string, { n: number; ms: number }>;

export interface StatementCounter { start: () => void; stop: () => StatementCounts }

/** Groups statements by their first words: the texts differ only by parameters' positions, not by what they do. */
const statementKey = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 90);

/** Counts every statement sent through pg.Client in this process while started. */
export function countStatements(): StatementCounter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module instance the app's driver uses
  const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const counts = new Map<string, { n: number; ms: number }>();
  let counting = false;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(this: unknown, ...args: unknown[]) {
    if (!counting) return original.apply(this, args);
    const config = args[0] as string | { text?: string };
    const key = statementKey(typeof config === 'string' ? config : config?.text ?? '?');
    const entry = counts.get(key) ?? { n: 0, ms: 0 };
    counts.set(key, entry);
    entry.n += 1;
    const sent = performance.now();
    const answered = () => { entry.ms += performance.now() - sent; };
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => { answered(); return callback(...a); };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(answered, answered);
    return result;
  };
  return {
    start: () => { counts.clear(); counting = true; },
    stop: () => { counting = false; return Object.fromEntries(counts); },
  };
}

function install(dir: string, profile: boolean): void {
  const counter = countStatements();
  const session = new Session();
  session.connect();
  let phase = 0;
  let running = false;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      counter.start();
      if (profile) session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    running = false;
    phase += 1;
    const counts = counter.stop();
    const done = () => writeFileSync(path.join(dir, `phase-${phase}.json`), JSON.stringify(counts));
    if (!profile) return done();
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(path.join(dir, `phase-${phase}.cpuprofile`), JSON.stringify(result.profile));
      done();
    });
  });
}

const dir = process.env.CHECK_HOOK_DIR;
if (dir && (process.argv[1] ?? '').includes(path.join('apps', 'api', 'src', 'main'))) install(dir, process.env.CHECK_HOOK_PROFILE === '1');
