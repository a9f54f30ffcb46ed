import type { Client } from 'pg';
import type { Log } from './bulk-load';
import { ApiClient } from './measure';
import { SseEvent, SseStream } from './sse';
import type { Sample } from './stats';

/**
 * From the moment atf.agent starts POST /cases with a phone already in an ice.agent case, to the moment each agent's
 * notification stream receives the hit: the intake, the case workflow's deconfliction, the commit, pg_notify and the
 * stream's read all inside the measured time.
 */
export interface NotifyRun { post: Sample; newSide: Sample; existingSide: Sample }

const WAIT_MS = 15_000;
const sample = (): Sample => ({ latenciesMs: [], elapsedMs: 0, errors: 0 });

/** Mexican mobile numbers in area 55, which the loader never generates, with a per-run tag: every run is fresh. */
const freshPhone = (tag: string, i: number) => `+52 55 ${tag}${String(i).padStart(4, '0')}`;

/** Waits until every case of `ids` is ACTIVE (their workflows have started): a hit needs both sides' cases there. */
export async function waitActive(db: Client, ids: string[], log: Log): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE id = ANY($1) AND status = 'ACTIVE'`, [ids]);
    if (rows[0].n === ids.length) { log(`${ids.length} existing cases ACTIVE`); return; }
    if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${ids.length} cases ACTIVE after 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const hitFor = (caseId: string) => (e: SseEvent) => {
  if (e.event !== 'hit.created') return false;
  const payload = (JSON.parse(e.data) as { payload?: { caseId?: string } }).payload;
  return payload?.caseId === caseId;
};

export async function notificationLatency(apiUrl: string, db: Client, iterations: number, log: Log): Promise<NotifyRun> {
  const [ice, atf] = await Promise.all([ApiClient.login(apiUrl, 'ice.agent'), ApiClient.login(apiUrl, 'atf.agent')]);
  const [iceStream, atfStream] = await Promise.all([
    SseStream.open(`${apiUrl}/notifications/stream`, ice.token), SseStream.open(`${apiUrl}/notifications/stream`, atf.token),
  ]);
  const tag = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
  const run: NotifyRun = { post: sample(), newSide: sample(), existingSide: sample() };
  try {
    const existing: string[] = [];
    for (let i = 0; i < iterations; i += 1) {
      const created = await ice.post<{ id: string }>('/cases', {
        title: `Bench notify ${i}`, category: 'DRUG_TRAFFICKING', identifiers: [{ type: 'PHONE', value: freshPhone(tag, i) }],
      }, 201);
      existing.push(created.id);
    }
    await waitActive(db, existing, log);
    for (let i = 0; i < iterations; i += 1) await oneHit(atf, freshPhone(tag, i), existing[i], iceStream, atfStream, run);
  } finally {
    await Promise.all([iceStream.close(), atfStream.close()]);
  }
  return run;
}

async function oneHit(atf: ApiClient, phone: string, existingCaseId: string, iceStream: SseStream, atfStream: SseStream, run: NotifyRun): Promise<void> {
  const started = performance.now();
  const created = await atf.post<{ id: string }>('/cases', {
    title: 'Bench notify counterpart', category: 'ARMS_TRAFFICKING', identifiers: [{ type: 'PHONE', value: phone }],
  }, 201);
  record(run.post, performance.now() - started);
  const [own, other] = await Promise.all([
    atfStream.waitFor(hitFor(created.id), WAIT_MS), iceStream.waitFor(hitFor(existingCaseId), WAIT_MS),
  ]);
  record(run.newSide, own ? own.receivedAt - started : null);
  record(run.existingSide, other ? other.receivedAt - started : null);
}

/** A notification that never came counts as an error and as the full wait, so it cannot flatter the percentiles. */
function record(s: Sample, ms: number | null): void {
  if (ms === null) s.errors += 1;
  const value = ms ?? WAIT_MS;
  s.latenciesMs.push(value);
  s.elapsedMs += value;
}
