import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Client } from 'pg';
import { CASE_CATEGORIES, OPERATION_TYPES } from '../libs/contracts/case-items';
import { startBenchStack } from './support/bench-stack';
import { personOf, phoneOf, serialOf } from './support/case-values';
import { runOpenLoop } from './support/open-loop';
import { chance, intBetween, pick, Rng, rngFor } from './support/random';
import { printTable, row, runConcurrent, Sample } from './support/stats';

/**
 * npm run bench:load [-- RATE DURATION_S] (or LOAD_RATE, LOAD_DURATION): a mixed workload of the API's everyday
 * requests sent at RATE requests/s in total for DURATION_S seconds over loopback, against the whole stack started in a
 * temporary directory (PostgreSQL, Temporal in memory, worker, API; bench/support/bench-stack.ts). Prints per operation
 * the count, p50/p95/p99, throughput and errors under load, beside the same operation sent one at a time with nothing
 * else running (measured in the same run, before the load), then how long the worker took to bring every case created
 * under load to ACTIVE. Exits 1 when any request failed (non-2xx, timeout, or dropped by the in-flight cap) or the
 * backlog did not drain, so "zero errors at the rate the README states" is a command's exit status.
 */
const RATE = Number(process.argv[2] ?? process.env.LOAD_RATE ?? 25);
const DURATION_S = Number(process.argv[3] ?? process.env.LOAD_DURATION ?? 60);
/** Requests allowed in flight at once; an arrival that finds the cap reached is not sent and counts as an error. */
const MAX_IN_FLIGHT = Number(process.env.LOAD_MAX_IN_FLIGHT ?? 200);
/** Unloaded latency: this many requests of each operation, one at a time, before the load. */
const BASELINE_SAMPLES = Number(process.env.LOAD_BASELINE_SAMPLES ?? 30);
const SEED = Number(process.env.LOAD_SEED ?? 11);
const REQUEST_TIMEOUT_MS = 30_000;
const DRAIN_LIMIT_MS = 300_000;
const log = (line: string) => console.log(`[bench] ${line}`);

/**
 * The mix: the share (in %) of arrivals that are each operation. Reads dominate, as in a working day: agents poll their
 * notifications, open their case list and the hits on a case; fewer check values before acting, open or extend cases.
 * - login:         POST /auth/token as one of the six case agents (scrypt verify, session row, audit entry).
 * - intake:        POST /cases with a person, a phone, a firearm and (one in three) a planned operation; SHARED_VALUE
 *                  of them reuse the phone or serial of another agency's case from this run, so hits are raised.
 * - append:        POST /cases/:id/identifiers | subjects | firearms on a case of the caller's agency from this run
 *                  (a workflow update: deconflicted before the answer).
 * - check:         POST /deconfliction/checks with a phone, a serial and a person, half of them another agency's.
 * - notifications: GET /notifications?since=<the last id that agent saw>.
 * - listCases:     GET /cases?limit=50.
 * - caseHits:      GET /cases/:id/hits on a case of the caller's agency (one that shares a value when there is one).
 */
const MIX = { login: 5, intake: 15, append: 10, check: 20, notifications: 20, listCases: 15, caseHits: 15 } as const;
const SHARED_VALUE = 0.25;
const AGENTS = ['ice.agent', 'atf.agent', 'cbp.officer', 'dea.agent', 'fbi.agent', 'pgr.liaison'];

type Op = keyof typeof MIX;
const OPS = Object.keys(MIX) as Op[];
const LABELS: Record<Op, string> = {
  login: 'login  POST /auth/token', intake: 'intake  POST /cases', append: 'append  POST /cases/:id/<items>',
  check: 'check  POST /deconfliction/checks', notifications: 'inbox  GET /notifications?since=',
  listCases: 'inbox  GET /cases', caseHits: 'inbox  GET /cases/:id/hits',
};

interface Agent { username: string; agency: string; token: string; since: string }
interface CaseRef { id: string; agent: Agent; n: number; phone: string; serial: string; shared: boolean }

/** A failed request: `status` is the HTTP status, or "timeout" / "network" / "dropped". */
class RequestFailed extends Error {
  constructor(readonly status: string, readonly detail: string) { super(`${status} ${detail}`); }
}

class Workload {
  readonly agents: Agent[] = [];
  readonly cases: CaseRef[] = [];
  private counter = 0;

  constructor(readonly apiUrl: string) {}

  /** Logs every agent in; their notification polls start from `since`. */
  async logIn(since: string): Promise<void> {
    for (const username of AGENTS) {
      const { accessToken, user } = await this.token(username);
      this.agents.push({ username, agency: user.agency, token: accessToken, since });
    }
  }

  async call<T>(agent: Agent | null, method: string, path: string, body?: unknown, idempotent = false): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (agent) headers.authorization = `Bearer ${agent.token}`;
    if (idempotent) headers['idempotency-key'] = randomUUID();
    const request = `${method} ${path}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`;
    let response: Response;
    try {
      response = await fetch(`${this.apiUrl}${path}`, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new RequestFailed((error as Error).name === 'TimeoutError' ? 'timeout' : 'network', `${request} -> ${String(error)}`);
    }
    const text = await response.text();
    if (response.status < 200 || response.status > 299) throw new RequestFailed(String(response.status), `${request} -> ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private token(username: string) {
    return this.call<{ accessToken: string; user: { agency: string } }>(null, 'POST', '/auth/token', { username, password: 'demo-password' });
  }

  private otherAgencysCase(rng: Rng, agent: Agent): CaseRef | undefined {
    const others = this.cases.filter((c) => c.agent.agency !== agent.agency);
    return others.length > 0 ? pick(rng, others) : undefined;
  }

  /** Each operation of the mix; `rng` is the arrival's own, so a run is the same sequence of choices every time. */
  readonly run: Record<Op, (rng: Rng) => Promise<void>> = {
    login: async (rng) => {
      const agent = pick(rng, this.agents);
      agent.token = (await this.token(agent.username)).accessToken;
    },
    intake: async (rng) => {
      const agent = pick(rng, this.agents);
      const n = this.counter++;
      const other = chance(rng, SHARED_VALUE) ? this.otherAgencysCase(rng, agent) : undefined;
      const sharePhone = other !== undefined && chance(rng, 0.5);
      const phone = other && sharePhone ? other.phone : phoneOf(n);
      const serial = other && !sharePhone ? other.serial : serialOf(n);
      const startsAt = Date.now() + intBetween(rng, 1, 60) * 86_400_000;
      const body = {
        title: `Load case ${n}`, category: pick(rng, CASE_CATEGORIES),
        ...(chance(rng, 0.3) ? { flags: { portOfEntry: 'Nogales, AZ' } } : {}),
        subjects: [personOf(n)],
        identifiers: [{ type: 'PHONE', value: phone }],
        firearms: [{ serialNumber: serial, make: 'Glock', caliber: '9mm' }],
        ...(chance(rng, 1 / 3) ? {
          operations: [{
            type: pick(rng, OPERATION_TYPES), latitude: 25 + rng() * 10, longitude: -115 + rng() * 20, radiusMeters: 250,
            startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 4 * 3_600_000).toISOString(),
          }],
        } : {}),
      };
      const created = await this.call<{ id: string }>(agent, 'POST', '/cases', body, true);
      if (other) other.shared = true;
      this.cases.push({ id: created.id, agent, n, phone, serial, shared: other !== undefined });
    },
    append: async (rng) => {
      const target = pick(rng, this.cases);
      const n = this.counter++;
      const [kind, items] = pick(rng, [
        ['identifiers', [{ type: 'PHONE', value: phoneOf(n) }]],
        ['subjects', [personOf(n)]],
        ['firearms', [{ serialNumber: serialOf(n) }]],
      ] as const);
      await this.call(target.agent, 'POST', `/cases/${target.id}/${kind}`, { [kind]: items }, true);
    },
    check: async (rng) => {
      const agent = pick(rng, this.agents);
      const other = chance(rng, 0.5) ? this.otherAgencysCase(rng, agent) : undefined;
      const n = other?.n ?? 4_000_000 + intBetween(rng, 0, 999_999);
      await this.call(agent, 'POST', '/deconfliction/checks', {
        subjects: [personOf(n)], identifiers: [{ type: 'PHONE', value: other?.phone ?? phoneOf(n) }],
        firearms: [{ serialNumber: other?.serial ?? serialOf(n) }],
      });
    },
    notifications: async (rng) => {
      const agent = pick(rng, this.agents);
      const page = await this.call<{ lastId: string }>(agent, 'GET', `/notifications?since=${encodeURIComponent(agent.since)}`);
      agent.since = page.lastId;
    },
    listCases: async (rng) => {
      await this.call(pick(rng, this.agents), 'GET', '/cases?limit=50');
    },
    caseHits: async (rng) => {
      const agent = pick(rng, this.agents);
      const own = this.cases.filter((c) => c.agent === agent);
      const shared = own.filter((c) => c.shared);
      const target = pick(rng, shared.length > 0 && chance(rng, 0.8) ? shared : own.length > 0 ? own : this.cases);
      await this.call(target.agent, 'GET', `/cases/${target.id}/hits`);
    },
  };
}

/** Requests that failed, by operation and status, with the first one of each kept to show. */
class Failures {
  readonly counts = new Map<string, { op: Op; status: string; count: number; first: string }>();

  record(op: Op, error: unknown): void {
    const failed = error instanceof RequestFailed ? error : new RequestFailed('exception', String(error));
    const key = `${op} ${failed.status}`;
    const seen = this.counts.get(key);
    if (seen) seen.count += 1;
    else this.counts.set(key, { op, status: failed.status, count: 1, first: failed.detail.slice(0, 800) });
  }

  print(title: string): void {
    if (this.counts.size === 0) return;
    console.log(`\n${title}`);
    for (const f of this.counts.values()) console.log(`  ${f.op} ${f.status} x${f.count}; first: ${f.first}`);
  }
}

function opFor(k: number): Op {
  let x = rngFor(SEED, 'op', k)() * OPS.reduce((s, op) => s + MIX[op], 0);
  for (const op of OPS) { x -= MIX[op]; if (x < 0) return op; }
  return OPS[OPS.length - 1];
}

interface LoadResult { samples: Record<Op, Sample>; total: Sample; dropped: number; maxInFlight: number; maxLagMs: number }

/**
 * The mix sent open loop (bench/support/open-loop.ts), latency from each arrival's due time. A failed request's
 * latency is kept, as runConcurrent keeps it; a dropped arrival (MAX_IN_FLIGHT reached) counts as an error.
 */
async function runMixedLoad(work: Workload, failures: Failures): Promise<LoadResult> {
  const total = Math.round(RATE * DURATION_S);
  const latencies = Object.fromEntries(OPS.map((op) => [op, [] as number[]])) as Record<Op, number[]>;
  const errors = Object.fromEntries(OPS.map((op) => [op, 0])) as Record<Op, number>;
  const run = await runOpenLoop(RATE, total, MAX_IN_FLIGHT, (k, due) => {
    const op = opFor(k);
    return work.run[op](rngFor(SEED, op, k)).catch((error: unknown) => {
      errors[op] += 1;
      failures.record(op, error);
    }).finally(() => { latencies[op].push(performance.now() - due); });
  }, (k) => {
    const op = opFor(k);
    errors[op] += 1;
    failures.record(op, new RequestFailed('dropped', `${MAX_IN_FLIGHT} requests already in flight`));
  });
  const { elapsedMs } = run;
  const samples = Object.fromEntries(OPS.map((op) => [op, { latenciesMs: latencies[op], elapsedMs, errors: errors[op] }])) as Record<Op, Sample>;
  const all = OPS.map((op) => samples[op]);
  const totalSample = { latenciesMs: all.flatMap((s) => s.latenciesMs), elapsedMs, errors: all.reduce((s, x) => s + x.errors, 0) };
  return { samples, total: totalSample, dropped: run.dropped, maxInFlight: run.maxInFlight, maxLagMs: run.maxLagMs };
}

/** Waits until the case workflows have brought every case to ACTIVE (as bench/intake.ts does); null past the limit. */
async function drain(db: Client): Promise<{ ms: number | null; backlog: number }> {
  const started = performance.now();
  const waiting = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE status <> 'ACTIVE'`)).rows[0].n;
  const backlog = await waiting();
  for (let n = backlog; n > 0; n = await waiting()) {
    if (performance.now() - started > DRAIN_LIMIT_MS) return { ms: null, backlog };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { ms: performance.now() - started, backlog };
}

async function main(): Promise<number> {
  if (!(RATE > 0) || !(DURATION_S > 0)) throw new Error(`usage: npm run bench:load -- RATE DURATION_S (got ${RATE}, ${DURATION_S})`);
  const loadBefore = os.loadavg()[0];
  const stack = await startBenchStack(log);
  const db = new Client({ connectionString: stack.pgUrl });
  await db.connect();
  try {
    const work = new Workload(stack.apiUrl);
    await work.logIn(new Date().toISOString());
    log('warm-up: 30 cases, then 5 of each operation');
    const warmFailures = new Failures();
    const warm = (op: Op, n: number) => runConcurrent(n, 1, (i) => work.run[op](rngFor(SEED, `warm-${op}`, i)).catch((e: unknown) => {
      warmFailures.record(op, e);
      throw e;
    }));
    await warm('intake', 30);
    for (const op of OPS) await warm(op, 5);
    await drain(db);

    log(`baseline: ${BASELINE_SAMPLES} of each operation, one at a time, no other load`);
    const baseline = {} as Record<Op, Sample>;
    for (const op of OPS) {
      baseline[op] = await runConcurrent(BASELINE_SAMPLES, 1, (i) => work.run[op](rngFor(SEED, `base-${op}`, i)).catch((e: unknown) => {
        warmFailures.record(op, e);
        throw e;
      }));
      // The next operation starts from a quiet worker too: sequential intakes leave case workflows still running.
      await drain(db);
    }
    const casesBefore = work.cases.length;

    log(`load: ${RATE} requests/s for ${DURATION_S} s (open loop, at most ${MAX_IN_FLIGHT} in flight), mix ${OPS.map((op) => `${op} ${MIX[op]}%`).join(', ')}`);
    const failures = new Failures();
    const load = await runMixedLoad(work, failures);
    log(`load done: ${load.total.latenciesMs.length} answered, ${load.dropped} dropped; draining the worker's backlog`);
    const drained = await drain(db);
    const hits = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM deconfliction_hits')).rows[0].n;

    const rows: string[][] = [];
    for (const op of OPS) {
      rows.push(row(LABELS[op], load.samples[op]));
      rows.push(row('    unloaded, one at a time', baseline[op]));
    }
    rows.push(row(`total at ${RATE}/s`, load.total));
    console.log(`\nmixed load: ${RATE} requests/s offered for ${DURATION_S} s over loopback, ${os.cpus().length} cores, 1-min load ` +
      `average ${loadBefore.toFixed(2)} before the stack started, ${os.loadavg()[0].toFixed(2)} at the end; latency from each ` +
      `request's scheduled send time\n`);
    printTable(rows);
    console.log('');
    console.log(`in flight at most ${load.maxInFlight} (cap ${MAX_IN_FLIGHT}), ${load.dropped} dropped; generator at most ` +
      `${load.maxLagMs.toFixed(1)} ms behind schedule`);
    console.log(`${work.cases.length - casesBefore} cases created under load, ${hits} hits in all; ` + (drained.ms === null
      ? `backlog of ${drained.backlog} cases NOT drained within ${DRAIN_LIMIT_MS / 1000} s`
      : `${drained.backlog} not yet ACTIVE when the last answer came, all ACTIVE ${(drained.ms / 1000).toFixed(1)} s later`));
    warmFailures.print('errors during warm-up and baseline (operation, status, count, first request -> response)');
    failures.print('errors under load (operation, status, count, first request -> response)');
    const errorCount = load.total.errors + [...warmFailures.counts.values()].reduce((s, f) => s + f.count, 0);
    console.log(`\n${errorCount === 0 && drained.ms !== null ? 'PASS' : 'FAIL'}: ${errorCount} errors`);
    return errorCount === 0 && drained.ms !== null ? 0 : 1;
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => { console.error(error); process.exit(1); });
