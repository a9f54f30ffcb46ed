import http from 'node:http';
import type { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../libs/auth/password';
import type { DeconflictionConfig } from '../../libs/config/config';
import { DEFAULT_OPERATION_RADIUS_METERS } from '../../libs/cases/case-rules';
import { ItemKeys, KeyOptions, keysForItems } from '../../libs/deconfliction/match-keys';
import { Match, MatchingRepository, ProbeTargets } from '../../libs/deconfliction/matching.repository';
import { batchesOf, BenchQuery, CheckBody } from './queries';
import type { Sample } from './stats';

/** The two ways a check is timed: through the API, and the production probe called directly on one connection. */

/** What the API answers per match (api.md): pointers only, no score; scores are read from the probe's own matches. */
export interface CheckMatch {
  matchType: string; matchedValue: string;
  counterpart: { agency: string; caseNumber: string | null; agentName: string | null; agentPhone: string | null };
}

/** The stack's demo users' password (DEMO_PASSWORD unset), which the bench's own agents share. */
const DEMO_PASSWORD = 'demo-password';

export class ApiClient {
  private constructor(readonly baseUrl: string, readonly token: string) {}

  static async login(baseUrl: string, username: string): Promise<ApiClient> {
    const response = await fetch(`${baseUrl}/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    const { accessToken } = await response.json() as { accessToken: string };
    return new ApiClient(baseUrl, accessToken);
  }

  post<T>(path: string, body: unknown, expected = 200): Promise<T> {
    return this.send<T>('POST', path, expected, body);
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path, 200);
  }

  async check(body: CheckBody): Promise<CheckMatch[]> {
    return (await this.post<{ matches: CheckMatch[] }>('/deconfliction/checks', body)).matches;
  }

  /**
   * Through node:http on kept-alive connections, not fetch: the client shares the two cores with the API and
   * PostgreSQL, and fetch spent 1.9 ms of CPU per check against http's 1.1 (0.8 ms of every API latency measured here
   * was the load generator's own work).
   */
  private send<T>(method: 'GET' | 'POST', path: string, expected: number, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { authorization: `Bearer ${this.token}` };
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    return new Promise<T>((resolve, reject) => {
      const request = http.request(`${this.baseUrl}${path}`, { method, headers, agent: KEPT_ALIVE }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== expected) return reject(new Error(`${method} ${path}: ${response.statusCode} ${text.slice(0, 500)}`));
          // A body that is not JSON, thrown in this handler, would pass the caller by: it is the call's error.
          try { resolve(JSON.parse(text) as T); } catch { reject(new Error(`${method} ${path}: not JSON: ${text.slice(0, 200)}`)); }
        });
      });
      request.on('error', reject);
      request.end(payload);
    });
  }
}

/** Kept-alive connections shared by every agent of the process, opened as requests need them. */
const KEPT_ALIVE = new http.Agent({ keepAlive: true });

/** The usernames of an agency's bench agents (AgentPool), `bench.agent.ice.1` ... */
export const agentNames = (agency: string, size: number): string[] =>
  Array.from({ length: size }, (_, i) => `bench.agent.${agency.toLowerCase()}.${i + 1}`);

/** Whatever sends a check through the API: one agent (ApiClient) or several in turn (AgentPool). */
export interface CheckSender { check(body: CheckBody): Promise<CheckMatch[]> }

/**
 * Checks sent by several agents of one agency in turn, as a desk sends them. Each check sums its agent's checks of the
 * last 24 hours (the budget, one indexed sum per check): sent by one agent, that sum would grow to every check of the run
 * (10,000 rows on a kept database, 2 ms of each check), where a real agent's stops at CHECK_BUDGET_PER_DAY (300).
 * The agents (`bench.agent.1` ...) are written straight into `users`, as the bench writes its cases.
 */
export class AgentPool implements CheckSender {
  private sent = 0;
  private constructor(private readonly agents: ApiClient[]) {}

  static async create(baseUrl: string, db: Client, agency: string, size: number): Promise<AgentPool> {
    const hash = await hashPassword(DEMO_PASSWORD);
    const names = agentNames(agency, size);
    await db.query(
      `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, phone)
       SELECT gen_random_uuid(), n, $2, $3, '{CASE_AGENT}', 'Bench Agent ' || o, '+1202555' || lpad(o::text, 4, '0')
       FROM unnest($1::text[]) WITH ORDINALITY AS u(n, o) WHERE NOT EXISTS (SELECT 1 FROM users WHERE username = u.n)`,
      [names, hash, agency],
    );
    return new AgentPool(await Promise.all(names.map((name) => ApiClient.login(baseUrl, name))));
  }

  check(body: CheckBody): Promise<CheckMatch[]> {
    return this.next().check(body);
  }

  /** The next agent in turn. */
  next(): ApiClient {
    return this.agents[this.sent++ % this.agents.length];
  }
}

/**
 * One SQL statement the probe ran, with its parameters, so the report can EXPLAIN a representative slow one; `settings`
 * are the set_config calls made before it in the same transaction, which the EXPLAIN must repeat to see the same plan.
 */
export interface Statement { sql: string; params: unknown[]; ms: number; settings: { sql: string; params: unknown[] }[] }

/**
 * What `DeconflictionService.check` does minus HTTP, auth and audit: keys, then codes and probe in one transaction
 * (the probe sets transaction-local settings, e.g. the trigram threshold for organizations).
 */
export class Prober {
  private readonly store: MatchingRepository;
  private readonly options: KeyOptions;
  /** Per probe call, its slowest statement; collected until `takeStatements()`. */
  private statements: Statement[] = [];
  private callSlowest: Statement | null = null;

  /** `targets`: undefined for the probe as a case pass runs it; a check's (countCrowds) for `asCheck`. */
  constructor(private readonly dataSource: DataSource, private readonly config: DeconflictionConfig, private readonly targets?: ProbeTargets) {
    this.store = new MatchingRepository(config);
    // ice.agent's agency is in the US: national phone numbers read as US ones, as the API reads them for that caller.
    this.options = { country: 'US', serialMinReadable: config.serialMinReadable, defaultRadiusMeters: DEFAULT_OPERATION_RADIUS_METERS };
  }

  async probe(body: CheckBody): Promise<Match[]> {
    const all = batchesOf(body).map((b) => keysForItems(b, this.options));
    const keys: ItemKeys = { exact: all.flatMap((k) => k.exact), persons: all.flatMap((k) => k.persons), events: all.flatMap((k) => k.events) };
    this.callSlowest = null;
    try {
      return await this.dataSource.transaction(async (tx) => {
        const manager = this.recording(tx);
        // As the API runs them: a check reads its persons' codes with their vocabulary (null); a pass before its locks.
        const codes = this.targets?.countCrowds ? null : await this.store.personCodes(manager, keys.persons);
        return this.store.probe(manager, keys, codes, null, this.targets);
      });
    } finally {
      if (this.callSlowest) this.statements.push(this.callSlowest);
    }
  }

  /**
   * The probe as POST /deconfliction/checks runs it: a common name's namesakes counted up to PERSON_CHECK_COUNT_CAP
   * rather than all graded. Timed beside the API; recall and precision are read from the full probe (a case pass's).
   */
  asCheck(): Prober {
    return new Prober(this.dataSource, this.config, { seizures: false, countCrowds: true });
  }

  /** The same probe with another person threshold (0 returns every blocked candidate with its score). */
  withPersonThreshold(personMatchThreshold: number): Prober {
    return new Prober(this.dataSource, { ...this.config, personMatchThreshold });
  }

  takeStatements(): Statement[] {
    return this.statements.splice(0);
  }

  /**
   * MatchingRepository only calls `query` on the manager it is given (timing each call costs two clock reads), and
   * reads its query runner for the statements it prepares (queryPrepared, not timed here), as in the API.
   */
  private recording(manager: EntityManager): EntityManager {
    const settings: Statement['settings'] = [];
    const query = async (sql: string, params: unknown[] = []) => {
      const started = performance.now();
      const rows: unknown = await manager.query(sql, params);
      const ms = performance.now() - started;
      if (!this.callSlowest || ms > this.callSlowest.ms) this.callSlowest = { sql, params, ms, settings: [...settings] };
      if (sql.includes('set_config(')) settings.push({ sql, params });
      return rows;
    };
    return { query, queryRunner: manager.queryRunner } as unknown as EntityManager;
  }
}

export interface KindRun {
  api: Sample; probe: Sample; apiMatches: CheckMatch[][]; probeMatches: Match[][];
  /** The slowest statement of each probe call, in call order. */
  statements: Statement[];
  /** The same queries through the probe as a check runs it (runKind's `asCheck`), timed in the same rotation. */
  asCheck?: Sample;
}

const emptySample = (): Sample => ({ latenciesMs: [], elapsedMs: 0, errors: 0 });

async function timed<T>(sample: Sample, work: () => Promise<T>, fallback: T): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } catch (error) {
    sample.errors += 1;
    if (sample.errors <= 3) console.error(`[bench] error: ${(error as Error).message}`);
    return fallback;
  } finally {
    const ms = performance.now() - started;
    sample.latenciesMs.push(ms);
    sample.elapsedMs += ms;
  }
}

/**
 * Each query through the API and through the probe, one at a time (clean latencies), rotating which goes first so
 * none always runs on the cache or the garbage another just left. With `asCheck` (persons), each query goes a third way,
 * through the probe as a check runs it, in the same rotation: timed after the other two, it always ran on pages both had
 * just read, and the API-minus-probe gap it shows could not be told from that head start.
 */
export async function runKind(queries: BenchQuery[], api: CheckSender, prober: Prober, asCheck?: Prober): Promise<KindRun> {
  prober.takeStatements();
  const run: KindRun = { api: emptySample(), probe: emptySample(), apiMatches: [], probeMatches: [], statements: [] };
  const checkSample = asCheck ? emptySample() : undefined;
  for (const [i, query] of queries.entries()) {
    const ways = [
      async () => { run.apiMatches[i] = await timed(run.api, () => api.check(query.body), []); },
      async () => { run.probeMatches[i] = await timed(run.probe, () => prober.probe(query.body), []); },
      ...(asCheck && checkSample ? [async () => { await timed(checkSample, () => asCheck.probe(query.body), []); }] : []),
    ];
    for (let k = 0; k < ways.length; k += 1) await ways[(i + k) % ways.length]();
  }
  run.statements = prober.takeStatements();
  asCheck?.takeStatements();
  return checkSample ? { ...run, asCheck: checkSample } : run;
}
