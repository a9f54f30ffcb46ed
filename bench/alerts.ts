import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startMailServer, startWebhookReceiver } from '../libs/devstack/watch-desk-receivers';
import { startBenchStack } from './support/bench-stack';
import { ApiClient } from './support/measure';
import { waitActive } from './support/notify-latency';
import { SseEvent, SseStream } from './support/sse';
import { printTable, row, Sample } from './support/stats';
import { secretCipher, secretPlace } from '../libs/secrets/secret-cipher';

/**
 * npm run bench:alerts (issue 17, "Measured"): BENCH_ALERTS (default 30) event conflicts, each made by atf.agent
 * posting a case whose planned operation meets an ice.agent case's. From the conflicting case's 201 it times:
 * the hit reaching atf.agent's notification stream (SSE), both watch desks' e-mails accepted by a real SMTP server,
 * and both desks' webhooks received, all in this process and on one clock. Goal: p95 <= 2 s for the e-mail and webhook.
 */
const ITERATIONS = Number(process.env.BENCH_ALERTS ?? 30);
const WAIT_MS = 15_000;
const started = performance.now();
const log = (line: string) => console.log(`[bench +${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`);
const sample = (): Sample => ({ latenciesMs: [], elapsedMs: 0, errors: 0 });

function record(s: Sample, ms: number | null): void {
  if (ms === null) s.errors += 1;
  const value = ms ?? WAIT_MS;
  s.latenciesMs.push(value);
  s.elapsedMs += value;
}

/** Polls a condition until it yields a time, or gives up after WAIT_MS (then null: an error, counted at the full wait). */
async function until(probe: () => number | null): Promise<number | null> {
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    const at = probe();
    if (at !== null || performance.now() > deadline) return at;
    await new Promise((r) => setTimeout(r, 5));
  }
}

const operation = (i: number) => {
  const startsAt = new Date(Date.UTC(2031, 0, 1) + i * 86_400_000);
  return [{ type: 'ARREST', latitude: 30 + i / 100, longitude: -100 - i / 100, radiusMeters: 300,
    startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() }];
};

async function main(): Promise<void> {
  const [mail, hooks] = await Promise.all([startMailServer(), startWebhookReceiver()]);
  const stack = await startBenchStack(log, { SMTP_URL: mail.url, WATCH_DESK_RETRY_INITIAL: '200ms', WATCH_DESK_RETRY_MAX_INTERVAL: '1s' });
  const db = new Client({ connectionString: stack.pgUrl });
  await db.connect();
  const secret = `bench-${randomUUID()}`;
  try {
    for (const agency of ['ICE', 'ATF']) {
      await db.query(`INSERT INTO watch_desk_contacts (id, agency_code, channel, address, secret, position) VALUES
        ($1, $3, 'EMAIL', $4, NULL, 0), ($2, $3, 'WEBHOOK', $5, $6, 1)`,
      // Stored sealed, as the API stores a webhook's secret (the bench stack's key is this checkout's data folder's).
      [randomUUID(), randomUUID(), agency, `desk@${agency.toLowerCase()}.example.org`, `${hooks.base}/${agency}`,
        secretCipher().seal(secret, secretPlace.webhook(agency, `${hooks.base}/${agency}`))]);
    }
    const [ice, atf] = await Promise.all([ApiClient.login(stack.apiUrl, 'ice.agent'), ApiClient.login(stack.apiUrl, 'atf.agent')]);
    const stream = await SseStream.open(`${stack.apiUrl}/notifications/stream`, atf.token);
    const existing: string[] = [];
    for (let i = 0; i < ITERATIONS; i += 1) {
      existing.push((await ice.post<{ id: string }>('/cases', { title: `Bench alert ${i}`, category: 'DRUG_TRAFFICKING', operations: operation(i) }, 201)).id);
    }
    await waitActive(db, existing, log);
    const run = { sse: sample(), mail: sample(), webhook: sample() };
    for (let i = 0; i < ITERATIONS; i += 1) {
      const created = await atf.post<{ id: string; caseNumber: string }>('/cases', { title: 'Bench alert counterpart', category: 'ARMS_TRAFFICKING', operations: operation(i) }, 201);
      const t201 = performance.now();
      const both = <T extends { receivedAt: number }>(items: T[]) => (items.length >= 2 ? Math.max(...items.slice(0, 2).map((m) => m.receivedAt)) : null);
      const [sse, mailAt, hookAt] = await Promise.all([
        stream.waitFor((e: SseEvent) => e.event === 'hit.created' && e.data.includes(created.id), WAIT_MS),
        until(() => both(mail.mails.filter((m) => m.text.includes(created.caseNumber)))),
        until(() => both(hooks.posts.filter((p) => p.body.includes(created.caseNumber)))),
      ]);
      record(run.sse, sse ? sse.receivedAt - t201 : null);
      record(run.mail, mailAt === null ? null : mailAt - t201);
      record(run.webhook, hookAt === null ? null : hookAt - t201);
    }
    await stream.close();
    console.log(`\n${ITERATIONS} event conflicts; times from the conflicting case's 201 (both desks reached: the later of the two)`);
    printTable([row('SSE hit.created (new side)', run.sse), row('e-mail accepted by SMTP (both desks)', run.mail), row('webhook received (both desks)', run.webhook)]);
  } finally {
    await db.end();
    await stack.stop();
    await Promise.all([mail.stop(), hooks.stop()]);
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
