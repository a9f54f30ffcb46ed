import { randomUUID } from 'node:crypto';
import { phoneOf, serialOf } from './case-values';
import { personAt } from './generators';
import { chance, intBetween, pick, rngFor } from './random';
import { SseStream } from './sse';

/**
 * The cases `npm run bench:sustained` enters: each agent's own cases, HIT_SHARE of them entering the phone of a case
 * another agency entered a few seconds earlier (a conflict both desks must see), and flags that raise referrals: a
 * port of entry (R1, to CBP) on PORT_SHARE and a cartel link (R2, to DEA) on CARTEL_SHARE, as in a working day where
 * most cases are new to everyone.
 */
export const HIT_SHARE = Number(process.env.SUSTAINED_HIT_SHARE ?? 0.2);
const PORT_SHARE = Number(process.env.SUSTAINED_PORT_SHARE ?? 0.25);
const CARTEL_SHARE = Number(process.env.SUSTAINED_CARTEL_SHARE ?? 0.1);
const AGENTS = ['ice.agent', 'atf.agent', 'cbp.officer', 'dea.agent', 'fbi.agent', 'pgr.liaison'];
const REQUEST_TIMEOUT_MS = 30_000;

export interface Agent { username: string; agency: string; token: string; stream: SseStream }

/**
 * A person as the deconfliction bench draws them (bench/support/generators.ts: common Hispanic, Anglo and Arabic
 * names, most with a date of birth): persons meet by accident as often as such a population makes them, and the
 * matching does the work it does on real names (the letters-only names of bench:load all sound alike to it).
 */
function subjectOf(n: number) {
  const person = personAt({ seed: 20, caseCount: 1_000_000, epochMs: 0 }, n);
  return { kind: 'PERSON' as const, fullName: person.fullName, ...(person.dob ? { dateOfBirth: person.dob } : {}) };
}

/** One planned case: who enters it, when it is due, and (for a conflict) the earlier case whose phone it enters. */
export interface PlannedCase {
  k: number; n: number; agent: Agent; body: Record<string, unknown>;
  /** The earlier case of this step (by k) another agency entered with the same phone. */
  partner: number | null;
  /** Groups cases whose workflows take the same shape: a hit and which referrals the rules raise. */
  kind: string;
  dueMs: number; postMs: number | null; id: string | null; error: string | null;
}

async function call<T>(apiUrl: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (method === 'POST' && token) headers['idempotency-key'] = randomUUID();
  const response = await fetch(`${apiUrl}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status < 200 || response.status > 299) throw new Error(`${method} ${path} -> ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Logs every agent in and opens their notification streams (each side of a conflict is on one of them). */
export async function openAgents(apiUrl: string): Promise<Agent[]> {
  return Promise.all(AGENTS.map(async (username) => {
    const { accessToken, user } = await call<{ accessToken: string; user: { agency: string } }>(
      apiUrl, null, 'POST', '/auth/token', { username, password: 'demo-password' });
    return { username, agency: user.agency, token: accessToken, stream: await SseStream.open(`${apiUrl}/notifications/stream`, accessToken) };
  }));
}

/** Fresh tokens for a step (a run of several steps outlasts TOKEN_TTL); the open streams stay. */
export async function refreshTokens(apiUrl: string, agents: Agent[]): Promise<void> {
  for (const agent of agents) {
    agent.token = (await call<{ accessToken: string }>(apiUrl, null, 'POST', '/auth/token', { username: agent.username, password: 'demo-password' })).accessToken;
  }
}

/**
 * The step's cases, decided before it starts (the same seed gives the same cases). A conflict's earlier side is
 * entered 2 to 10 seconds of arrivals before (never a case already paired, never the same agency), so at the rates
 * measured it is usually ACTIVE when the second one comes, as on a desk.
 */
export function planCases(step: string, total: number, rate: number, firstN: number, agents: Agent[]): PlannedCase[] {
  const cases: PlannedCase[] = [];
  const paired = new Set<number>();
  for (let k = 0; k < total; k += 1) {
    const rng = rngFor(7, step, k);
    const agent = pick(rng, agents);
    const n = firstN + k;
    let partner: number | null = null;
    if (chance(rng, HIT_SHARE)) {
      const from = k - Math.ceil(10 * rate);
      for (let tries = 0; tries < 8 && partner === null; tries += 1) {
        const candidate = intBetween(rng, Math.max(0, from), k - Math.ceil(2 * rate));
        const other = cases[candidate];
        if (other && other.partner === null && !paired.has(candidate) && other.agent.agency !== agent.agency) partner = candidate;
      }
      if (partner !== null) { paired.add(partner); paired.add(k); }
    }
    const port = chance(rng, PORT_SHARE);
    const cartel = chance(rng, CARTEL_SHARE);
    const body = {
      title: `Sustained case ${n}`, category: 'ARMS_TRAFFICKING',
      ...(port || cartel ? { flags: { ...(port ? { portOfEntry: 'Nogales, AZ' } : {}), ...(cartel ? { cartelLink: true } : {}) } } : {}),
      subjects: [subjectOf(n)],
      identifiers: [{ type: 'PHONE', value: partner === null ? phoneOf(n) : phoneOf(firstN + partner) }],
      firearms: [{ serialNumber: serialOf(n), make: 'Glock', caliber: '9mm' }],
    };
    // Rules never refer a case to its own agency (libs/referrals/referral-rules.ts).
    const kind = `hit ${partner !== null ? 'yes' : 'no'}, R1 ${port && agent.agency !== 'CBP' ? 'yes' : 'no'}, R2 ${cartel && agent.agency !== 'DEA' ? 'yes' : 'no'}`;
    cases.push({ k, n, agent, body, partner, kind, dueMs: 0, postMs: null, id: null, error: null });
  }
  return cases;
}

/** POST /cases for one planned case; its 201 latency is counted from the due time. */
export async function enterCase(apiUrl: string, planned: PlannedCase, dueMs: number): Promise<void> {
  planned.dueMs = dueMs;
  try {
    const created = await call<{ id: string }>(apiUrl, planned.agent.token, 'POST', '/cases', planned.body);
    planned.id = created.id;
  } catch (error) {
    planned.error = String(error);
  } finally {
    planned.postMs = performance.now() - dueMs;
  }
}
