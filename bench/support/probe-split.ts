import { loadConfig } from '../../libs/config/config';
import { keptPersonQueries, keptSpec, openKept } from './kept-spec';
import { Prober } from './measure';
import { printGrid, spreadMs } from './report';
import { countStatements } from './statement-hook';

/**
 * node dist/bench/support/probe-split.js against a stack kept by `BENCH_KEEP=1 npm run bench:deconfliction`: the person
 * checks kinds-kept times, through the probe as a check runs it (Prober.asCheck), in this process, twice (the first
 * pass warms). Each probe of the second pass is split into its SQL statements' time (sent to answered, the driver's
 * parsing of the rows included) and the rest, which is Node's (grading the rows), beside this process's CPU per probe:
 * whether a slow check waits on PostgreSQL or on its own grading. Then the first BENCH_FRESH_QUERIES (default 100) of
 * them twice more each, on the connection the probes ran on and on a new one (the pool's connection closed before it),
 * as a check after a quiet spell longer than DATABASE_POOL_IDLE_TIMEOUT would run without DATABASE_POOL_WARM
 * (libs/db/pool.ts). BENCH_DB_URL, BENCH_ROWS, BENCH_SEED and BENCH_PERSON_QUERIES as for kinds-kept; BENCH_SLOWEST
 * (default 10): how many of the slowest probes to list.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 20261123);
const PERSON_QUERIES_PER_KIND = Number(process.env.BENCH_PERSON_QUERIES ?? 200);
const SLOWEST = Number(process.env.BENCH_SLOWEST ?? 10);
const FRESH_QUERIES = Number(process.env.BENCH_FRESH_QUERIES ?? 100);

/** The pg pool under TypeORM's driver: its one connection is closed (released destroyed) so the next probe opens one. */
interface PgPool { connect: () => Promise<{ release: (destroy?: boolean) => void }>; totalCount: number }

interface Split { name: string; totalMs: number; sqlMs: number; statements: number }

const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };

async function main(): Promise<void> {
  const url = process.env.BENCH_DB_URL ?? '';
  if (!url) throw new Error('BENCH_DB_URL must name the kept stack');
  const counter = countStatements();
  const { dataSource, db, close } = await openKept(url);
  try {
    const { warmUp, all } = keptPersonQueries(await keptSpec(db, SEED), ROWS, PERSON_QUERIES_PER_KIND);
    const queries = all.slice(warmUp);
    const prober = new Prober(dataSource, loadConfig().deconfliction).asCheck();
    for (const q of queries) await prober.probe(q.body);
    const splits: Split[] = [];
    const cpuBefore = cpuMs();
    for (const q of queries) {
      counter.start();
      const started = performance.now();
      await prober.probe(q.body);
      const totalMs = performance.now() - started;
      const counts = Object.values(counter.stop());
      const subject = q.body.subjects?.[0];
      const person = subject?.kind === 'PERSON' ? subject : null;
      splits.push({
        name: `${person?.fullName ?? '?'}${person?.dateOfBirth ? ` ${person.dateOfBirth}` : ''}`, totalMs,
        sqlMs: counts.reduce((ms, c) => ms + c.ms, 0), statements: counts.reduce((n, c) => n + c.n, 0),
      });
    }
    const cpuPerProbe = (cpuMs() - cpuBefore) / queries.length;
    console.log(`\n${ROWS.toLocaleString('en-US')} rows, ${queries.length} person checks through the probe as a check runs it (second pass)`);
    printGrid(['probe p50 / p95 / p99 ms', 'SQL p50 / p95 / p99 ms', 'rest p50 / p95 / p99 ms', 'SQL share', 'Node CPU per probe ms'], [[
      spreadMs(splits.map((s) => s.totalMs)), spreadMs(splits.map((s) => s.sqlMs)), spreadMs(splits.map((s) => s.totalMs - s.sqlMs)),
      (splits.reduce((ms, s) => ms + s.sqlMs, 0) / splits.reduce((ms, s) => ms + s.totalMs, 0)).toFixed(3), cpuPerProbe.toFixed(2),
    ]]);
    console.log(`\nthe ${SLOWEST} slowest probes`);
    printGrid(['probe ms', 'SQL ms', 'rest ms', 'statements', 'query'], [...splits].sort((a, b) => b.totalMs - a.totalMs).slice(0, SLOWEST)
      .map((s) => [s.totalMs.toFixed(1), s.sqlMs.toFixed(1), (s.totalMs - s.sqlMs).toFixed(1), String(s.statements), s.name]));
    await keptAgainstNew(prober, (dataSource.driver as unknown as { master: PgPool }).master, queries.slice(0, FRESH_QUERIES).map((q) => q.body));
  } finally {
    await close();
  }
}

/** Each check on the connection it last ran on, then on a new one: what a pool that closed it while idle costs. */
async function keptAgainstNew(prober: Prober, pool: PgPool, bodies: Parameters<Prober['probe']>[0][]): Promise<void> {
  const [kept, fresh]: number[][] = [[], []];
  const timed = async (into: number[], body: (typeof bodies)[number]) => {
    const started = performance.now();
    await prober.probe(body);
    into.push(performance.now() - started);
  };
  for (const body of bodies) {
    await timed(kept, body);
    const connection = await pool.connect();
    connection.release(true);
    if (pool.totalCount !== 0) throw new Error(`the pool still holds ${pool.totalCount} connections`);
    await timed(fresh, body);
  }
  console.log(`\n${bodies.length} of the checks again, each on the connection it ran on and then on a new one`);
  printGrid(['connection', 'probe p50 / p95 / p99 ms'], [['kept', spreadMs(kept)], ['new', spreadMs(fresh)]]);
}

main().catch((error) => { console.error(error); process.exit(1); });
