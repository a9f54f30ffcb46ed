import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../libs/devstack/chromium';
import { BenchStack, startBenchStack } from './support/bench-stack';
import { bundleSizes, BundleSizes, kB, sum } from './support/bundle-size';
import { armHitWatch, hitState, setHitNeedle, shownState, storeSession, watchShown } from './support/page-watch';
import { printGrid, printTargets, target } from './support/report';
import { SseEvent, SseStream } from './support/sse';
import { percentile } from './support/stats';

/**
 * npm run bench:web: the console as its users meet it, on the real stack (PostgreSQL, Temporal, worker, API serving
 * dist/web) in Debian's Chromium, each figure beside its baseline measured in the same run:
 * 1. what index.html loads at first (script, stylesheets, modulepreload chunks), gzipped, against 250 kB of JS;
 * 2. navigation to the case list and to the hit queue drawn (each in a fresh page), beside the API calls the page made
 *    timed directly over HTTP, so the console's own cost is the difference;
 * 3. from the other agency's 201 to the hit drawn on the ICE agent's open case page, beside the hit's arrival on the
 *    ICE agent's notification stream read directly (the engine's part of that time).
 *
 * BENCH_WEB_LOADS (default 20) loads per page and mode, BENCH_WEB_HIT_TRIALS (20) hits drawn, BENCH_WEB_CASES (50)
 * cases seeded for ice.agent, BENCH_WEB_HITS (20) hits seeded for the coordinator's queue.
 */
const LOADS = Number(process.env.BENCH_WEB_LOADS ?? 20);
const HIT_TRIALS = Number(process.env.BENCH_WEB_HIT_TRIALS ?? 20);
const SEED_CASES = Number(process.env.BENCH_WEB_CASES ?? 50);
const SEED_HITS = Math.min(SEED_CASES, Number(process.env.BENCH_WEB_HITS ?? 20));
const WARM_UP = 2;
const WAIT_MS = 15_000;
const JS_GOAL_BYTES = 250_000;
const HIT_GOAL_MS = 2000;
/** How each hit is drawn on the case page (agreed with the cases feature); the other case's number is the fallback. */
const HIT_ROW = '[data-testid="case-hit"]';
const WEB_ROOT = process.env.WEB_ROOT ?? path.resolve(__dirname, '..', 'web');
const PASSWORD = 'demo-password';

const started = performance.now();
const log = (line: string) => console.log(`[bench +${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`);

interface SessionUser { username: string; agency: string; roles: string[] }
interface Session { token: string; user: SessionUser }
/** Latencies in ms; a wait that ran out counts as an error and as the whole wait, so it cannot flatter the figures. */
interface Sample { ms: number[]; errors: number; note?: string }
const sample = (): Sample => ({ ms: [], errors: 0 });

// ---------------------------------------------------------------------------------------------------------------
// HTTP

class Api {
  constructor(readonly baseUrl: string, readonly session: Session) {}

  static async login(baseUrl: string, username: string): Promise<Api> {
    const response = await fetch(`${baseUrl}/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    const answer = await response.json() as { accessToken: string; user: SessionUser };
    return new Api(baseUrl, { token: answer.accessToken, user: answer.user });
  }

  private headers(json = false): Record<string, string> {
    return { authorization: `Bearer ${this.session.token}`, ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  async get<T>(pathAndQuery: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${pathAndQuery}`, { headers: this.headers() });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${pathAndQuery}: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  async createCase(body: object): Promise<{ id: string; caseNumber: string }> {
    const response = await fetch(`${this.baseUrl}/cases`, { method: 'POST', headers: this.headers(true), body: JSON.stringify(body) });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`POST /cases: ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as { id: string; caseNumber: string };
  }
}

/** A case of its own per phone: Mexican mobile numbers (area 55), each seed group with its own block. */
const phone = (block: number, i: number) => `+52 55 ${block}${String(i).padStart(3, '0')} ${String(1000 + i).slice(-4)}`;
/** The same number as the other agency writes it: no spaces (the journey's "written another way"). */
const otherWay = (value: string) => value.replace(/\s+/g, '');
const caseBody = (title: string, value: string, category = 'DRUG_TRAFFICKING') => ({
  title, category, identifiers: [{ type: 'PHONE', value }],
});

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function waitActive(api: Api, ids: string[]): Promise<void> {
  await eventually(`${ids.length} cases ACTIVE`, async () => {
    const states = await Promise.all(ids.map((id) => api.get<{ status: string }>(`/cases/${id}`)));
    return states.every((s) => s.status === 'ACTIVE') ? true : undefined;
  });
}

interface Seeded { ice: Api; atf: Api; coordinator: Api }

/** SEED_CASES cases for ice.agent; the first SEED_HITS get an ATF counterpart with the same phone, so hits queue up. */
async function seed(apiUrl: string): Promise<Seeded> {
  const [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => Api.login(apiUrl, u)));
  log(`seeding ${SEED_CASES} ice.agent cases, ${SEED_HITS} of them with an atf.agent case on the same phone`);
  const ids: string[] = [];
  for (let i = 0; i < SEED_CASES; i += 1) ids.push((await ice.createCase(caseBody(`Bench web case ${i}`, phone(1, i)))).id);
  await waitActive(ice, ids);
  for (let i = 0; i < SEED_HITS; i += 1) await atf.createCase(caseBody(`Bench web counterpart ${i}`, otherWay(phone(1, i)), 'ARMS_TRAFFICKING'));
  const queued = await eventually(`${SEED_HITS} hits in the coordinator's queue`, async () => {
    const page = await coordinator.get<{ items: unknown[] }>('/deconfliction/hits?limit=100');
    return page.items.length >= SEED_HITS ? page.items.length : undefined;
  });
  log(`${queued} hits in the queue`);
  return { ice, atf, coordinator };
}

// ---------------------------------------------------------------------------------------------------------------
// The browser

async function signedInContext(browser: Browser, apiUrl: string, session: Session): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: apiUrl, viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'America/Chicago',
  });
  context.setDefaultTimeout(WAIT_MS);
  await context.addInitScript(storeSession, JSON.stringify(session));
  return context;
}

/** The console's own GETs to the API (not its assets, not the notification stream), as path and query. */
function recordApiCalls(page: Page, into: Set<string>): void {
  page.on('request', (request) => {
    if (!['fetch', 'xhr'].includes(request.resourceType()) || request.method() !== 'GET') return;
    const url = new URL(request.url());
    if (url.pathname.startsWith('/assets/') || url.pathname === '/notifications/stream') return;
    into.add(url.pathname + url.search);
  });
}

/** Resolves once no request but the notification stream has been in flight for `quietMs`. */
async function settled(page: Page, quietMs = 250): Promise<void> {
  let inFlight = 0;
  let last = Date.now();
  const counts = (url: string) => !url.includes('/notifications/stream');
  const up = (r: { url(): string }) => { if (counts(r.url())) { inFlight += 1; last = Date.now(); } };
  const down = (r: { url(): string }) => { if (counts(r.url())) { inFlight = Math.max(0, inFlight - 1); last = Date.now(); } };
  page.on('request', up);
  page.on('requestfinished', down);
  page.on('requestfailed', down);
  try {
    const deadline = Date.now() + WAIT_MS;
    while (inFlight > 0 || Date.now() - last < quietMs) {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    page.off('request', up);
    page.off('requestfinished', down);
    page.off('requestfailed', down);
  }
}

interface PageSpec { name: string; path: string; ready: string; session: Session }
interface PageRun { cold: Sample; warm: Sample; boot: Sample; firstSent: Sample; lastAnswered: Sample; calls: Set<string> }
interface Load { shown: number; domContentLoaded: number | null; firstApiSent: number | null; lastApiAnswered: number | null }

/**
 * One load: a fresh page (in a fresh context when `context` is absent: no cached assets), navigation to `spec.path`,
 * and the in-page time at which `spec.ready` first matched, with the moments before it, all in ms since navigation.
 */
async function loadOnce(browser: Browser, apiUrl: string, spec: PageSpec, calls: Set<string>, shared?: BrowserContext): Promise<Load | null> {
  const context = shared ?? await signedInContext(browser, apiUrl, spec.session);
  const page = await context.newPage();
  try {
    recordApiCalls(page, calls);
    await page.addInitScript(watchShown, spec.ready);
    await page.goto(spec.path, { waitUntil: 'commit' });
    await page.locator(spec.ready).first().waitFor({ state: 'attached', timeout: WAIT_MS });
    const state = await page.evaluate(shownState);
    return state.shownAt === null ? null : { ...state, shown: state.shownAt };
  } catch {
    return null;
  } finally {
    await page.close();
    if (!shared) await context.close();
  }
}

async function measurePage(browser: Browser, apiUrl: string, spec: PageSpec): Promise<PageRun> {
  const run: PageRun = { cold: sample(), warm: sample(), boot: sample(), firstSent: sample(), lastAnswered: sample(), calls: new Set() };
  const warmContext = await signedInContext(browser, apiUrl, spec.session);
  try {
    for (const [mode, into] of [['cold', run.cold], ['warm', run.warm]] as const) {
      log(`${spec.path}: ${WARM_UP} + ${LOADS} ${mode} loads, waiting for ${spec.ready}`);
      for (let i = 0; i < WARM_UP + LOADS; i += 1) {
        const shown = await loadOnce(browser, apiUrl, spec, run.calls, mode === 'warm' ? warmContext : undefined);
        if (i < WARM_UP) {
          if (shown === null && i === WARM_UP - 1) {
            into.note = `${spec.ready} never shown on ${spec.path} within ${WAIT_MS / 1000} s`;
            log(`${into.note}: not measured`);
            return run;
          }
          continue;
        }
        if (shown === null) { into.errors += 1; into.ms.push(WAIT_MS); continue; }
        into.ms.push(shown.shown);
        if (mode !== 'cold') continue;
        if (shown.domContentLoaded !== null) run.boot.ms.push(shown.domContentLoaded);
        if (shown.firstApiSent !== null) run.firstSent.ms.push(shown.firstApiSent);
        if (shown.lastApiAnswered !== null) run.lastAnswered.ms.push(shown.lastApiAnswered);
      }
    }
  } finally {
    await warmContext.close();
  }
  return run;
}

/** Each API call the page made, timed directly over HTTP with the same user's token, one at a time. */
async function measureCalls(apiUrl: string, session: Session, calls: Set<string>): Promise<[string, Sample][]> {
  const api = new Api(apiUrl, session);
  const out: [string, Sample][] = [];
  for (const call of [...calls].sort()) {
    const s = sample();
    await api.get(call).catch(() => undefined);
    for (let i = 0; i < LOADS; i += 1) {
      const t0 = performance.now();
      try { await api.get(call); s.ms.push(performance.now() - t0); } catch { s.errors += 1; }
    }
    out.push([call, s]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// A hit drawn on the open case page

interface HitRun { drawn: Sample; stream: Sample; post: Sample; by: Map<string, number>; note?: string }

const hitFor = (caseId: string) => (e: SseEvent) => {
  if (e.event !== 'hit.created') return false;
  return (JSON.parse(e.data) as { payload?: { caseId?: string } }).payload?.caseId === caseId;
};

/**
 * Opens ice.agent's case page and waits until it shows the case (its number or title in <main>), the notification
 * stream is live and no request is in flight: the page a user has open when the other agency's case arrives.
 * Returns null, or why the page never got there.
 */
async function openCasePage(page: Page, open: { id: string; caseNumber: string; title: string }): Promise<string | null> {
  try {
    await page.goto(`/cases/${open.id}`);
    await page.locator('[data-stream-status="live"]').waitFor({ state: 'attached' });
    await page.waitForFunction((texts) => {
      const main = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } })
        .document.querySelector('main')?.textContent ?? '';
      return texts.some((t) => main.includes(t));
    }, [open.caseNumber, open.title]);
    await settled(page);
    return null;
  } catch {
    return `/cases/:id never showed its case number or title in <main> with the stream live within ${WAIT_MS / 1000} s`;
  }
}

async function measureHits(browser: Browser, apiUrl: string, { ice, atf }: Seeded): Promise<HitRun> {
  const run: HitRun = { drawn: sample(), stream: sample(), post: sample(), by: new Map() };
  const trials = WARM_UP + HIT_TRIALS;
  log(`hits drawn: ${trials} ice.agent cases with a phone of their own, each opened before atf.agent's case arrives`);
  const cases: { id: string; caseNumber: string; title: string; phone: string }[] = [];
  for (let i = 0; i < trials; i += 1) {
    const title = `Bench web open case ${i}`;
    cases.push({ ...await ice.createCase(caseBody(title, phone(2, i))), title, phone: phone(2, i) });
  }
  await waitActive(ice, cases.map((c) => c.id));
  const stream = await SseStream.open(`${apiUrl}/notifications/stream`, ice.session.token);
  const context = await signedInContext(browser, apiUrl, ice.session);
  try {
    for (const [i, open] of cases.entries()) {
      const page = await context.newPage();
      try {
        const failure = await openCasePage(page, open);
        if (failure === null) {
          await page.evaluate(armHitWatch, { selector: HIT_ROW, before: await page.locator(HIT_ROW).count() });
        } else if (i === WARM_UP - 1) {
          run.note = failure;
          log(`${run.note}: not measured`);
          return run;
        } else {
          if (i >= WARM_UP) record(run.drawn, null);
          continue;
        }
        const sent = performance.now();
        const created = await atf.createCase(caseBody('Bench web arriving case', otherWay(open.phone), 'ARMS_TRAFFICKING'));
        const at201 = performance.now();
        const at201Epoch = Date.now();
        await page.evaluate(setHitNeedle, created.caseNumber);
        const [event] = await Promise.all([
          stream.waitFor(hitFor(open.id), WAIT_MS),
          page.waitForFunction(() => (globalThis as unknown as { __benchHit: { drawnAt: number | null } }).__benchHit.drawnAt !== null,
            undefined, { timeout: WAIT_MS, polling: 100 }).catch(() => null),
        ]);
        const drawn = await page.evaluate(hitState);
        if (i < WARM_UP) {
          if (drawn.drawnAt === null && i === WARM_UP - 1) {
            run.note = `no hit drawn on /cases/:id within ${WAIT_MS / 1000} s (neither ${HIT_ROW} nor the other case's number in <main>)`;
            log(`${run.note}: not measured`);
            return run;
          }
          continue;
        }
        run.post.ms.push(at201 - sent);
        record(run.stream, event ? event.receivedAt - at201 : null);
        record(run.drawn, drawn.drawnAt === null ? null : drawn.drawnAt - at201Epoch);
        if (drawn.by) run.by.set(drawn.by, (run.by.get(drawn.by) ?? 0) + 1);
      } finally {
        await page.close();
      }
    }
  } finally {
    await context.close();
    await stream.close();
  }
  return run;
}

function record(s: Sample, ms: number | null): void {
  if (ms === null) s.errors += 1;
  s.ms.push(ms ?? WAIT_MS);
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const pct = (s: Sample, p: number): number => percentile([...s.ms].sort((a, b) => a - b), p);
const fmt = (n: number): string => (Number.isNaN(n) ? '-' : n.toFixed(1));
const line = (name: string, s: Sample): string[] =>
  [name, String(s.ms.length), fmt(pct(s, 50)), fmt(pct(s, 95)), fmt(s.ms.length ? Math.max(...s.ms) : NaN), String(s.errors)];

function printSizes(sizes: BundleSizes): void {
  console.log('');
  console.log(`1. first load: what ${path.relative(process.cwd(), path.join(WEB_ROOT, 'index.html'))} loads at once (gzip: zlib default level)`);
  printGrid(['file', 'loaded as', 'kB', 'gzip kB'], [
    ...sizes.initial.map((f) => [f.file, f.how, kB(f.bytes), kB(f.gzipBytes)]),
    ['initial JavaScript', `${sizes.initial.filter((f) => f.kind === 'js').length} files`, kB(sum(sizes.initial, 'js', 'bytes')), kB(sum(sizes.initial, 'js'))],
    ['initial CSS', `${sizes.initial.filter((f) => f.kind === 'css').length} files`, kB(sum(sizes.initial, 'css', 'bytes')), kB(sum(sizes.initial, 'css'))],
    ['all chunks, JavaScript (context)', `${sizes.all.filter((f) => f.kind === 'js').length} files`, kB(sum(sizes.all, 'js', 'bytes')), kB(sum(sizes.all, 'js'))],
    ['all chunks, CSS (context)', `${sizes.all.filter((f) => f.kind === 'css').length} files`, kB(sum(sizes.all, 'css', 'bytes')), kB(sum(sizes.all, 'css'))],
  ]);
  const largest = [...sizes.all].filter((f) => !sizes.initial.some((i) => i.file === f.file)).sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 5);
  if (largest.length) console.log(`largest lazily loaded chunks (gzip kB): ${largest.map((f) => `${path.basename(f.file)} ${kB(f.gzipBytes)}`).join(', ')}`);
}

function printPages(runs: [PageSpec, PageRun, [string, Sample][]][]): void {
  console.log('');
  console.log(`2. navigation to the page drawn (in-page time since navigation start; ${LOADS} loads each after ${WARM_UP} unmeasured),`);
  console.log('   cold: a new browser context per load (nothing cached); warm: a new page in one context (hashed assets cached);');
  console.log('   "cold, by then" rows: moments of the same cold loads on the same clock (start-up, then the wait for the API);');
  console.log('   baselines: each API call the page made, timed directly over HTTP with the same token, one at a time');
  const rows: string[][] = [];
  const missing: string[] = [];
  for (const [spec, run, calls] of runs) {
    if (run.cold.note) { missing.push(`   ${spec.name}: NOT MEASURED: ${run.cold.note}`); continue; }
    rows.push(line(`${spec.name}: ${spec.path} -> ${spec.ready} (cold)`, run.cold));
    rows.push(line(`  cold, by then: console started (DOMContentLoaded)`, run.boot));
    rows.push(line(`  cold, by then: first API request sent`, run.firstSent));
    rows.push(line(`  cold, by then: last API answer received`, run.lastAnswered));
    rows.push(line(`${spec.name}: same, warm`, run.warm));
    for (const [call, s] of calls) rows.push(line(`  baseline: GET ${call}`, s));
  }
  if (rows.length) printGrid(['measure', 'n', 'p50 ms', 'p95 ms', 'max ms', 'errors'], rows);
  for (const m of missing) console.log(m);
}

function printHits(run: HitRun): void {
  console.log('');
  console.log(`3. the other agency's 201 (POST /cases by atf.agent, same phone written another way) to the hit drawn on ice.agent's`);
  console.log(`   open /cases/:id (${HIT_ROW}, or the ATF case number in <main>), beside the hit on ice.agent's stream read directly`);
  if (run.note) { console.log(`   NOT MEASURED: ${run.note}`); return; }
  printGrid(['measure', 'n', 'p50 ms', 'p95 ms', 'max ms', 'errors'], [
    line('201 -> hit drawn on the open case page', run.drawn),
    line('  baseline: 201 -> hit.created on the ice stream', run.stream),
    line('  for context: atf POST /cases until its 201', run.post),
  ]);
  console.log(`   detected by: ${[...run.by].map(([by, n]) => `${by === 'selector' ? HIT_ROW : 'case number text'} ${n}`).join(', ') || '-'}`);
}

async function main(): Promise<void> {
  if (![LOADS, HIT_TRIALS, SEED_CASES, SEED_HITS].every((n) => Number.isInteger(n) && n >= 1 && n <= 999)) {
    throw new Error('BENCH_WEB_LOADS, BENCH_WEB_HIT_TRIALS, BENCH_WEB_CASES and BENCH_WEB_HITS must be whole numbers from 1 to 999');
  }
  const sizes = bundleSizes(WEB_ROOT);
  printSizes(sizes);
  const loadAtStart = os.loadavg()[0];
  log(`starting the stack; the browser is ${CHROMIUM_PATH}`);
  let stack: BenchStack | undefined;
  let browser: Browser | undefined;
  try {
    stack = await startBenchStack(log);
    browser = await launchChromium();
    const seeded = await seed(stack.apiUrl);
    const specs: PageSpec[] = [
      { name: 'case list', path: '/cases', ready: '[data-testid="case-list"][data-ready="true"]', session: seeded.ice.session },
      { name: 'hit queue', path: '/deconfliction/hits', ready: '[data-testid="hit-queue"][data-ready="true"]', session: seeded.coordinator.session },
    ];
    const pages: [PageSpec, PageRun, [string, Sample][]][] = [];
    for (const spec of specs) {
      const run = await measurePage(browser, stack.apiUrl, spec);
      pages.push([spec, run, run.cold.note ? [] : await measureCalls(stack.apiUrl, spec.session, run.calls)]);
    }
    const hits = await measureHits(browser, stack.apiUrl, seeded);

    console.log('');
    console.log(`machine: ${os.cpus().length} cores, load average (1 min) ${loadAtStart.toFixed(1)} at the start, ` +
      `${os.loadavg()[0].toFixed(1)} at the end${Math.max(loadAtStart, os.loadavg()[0]) > os.cpus().length ? ' (busy: other work shares the cores; compare runs on a quiet machine)' : ''}`);
    printSizes(sizes);
    printPages(pages);
    printHits(hits);
    const targets = [target('initial JavaScript, gzip', sum(sizes.initial, 'js') / 1000, JS_GOAL_BYTES / 1000, '<=', 'kB')];
    if (!hits.note) targets.push(target('201 -> hit drawn, p95', pct(hits.drawn, 95), HIT_GOAL_MS, '<=', 'ms'));
    printTargets(targets);
  } finally {
    await browser?.close();
    await stack?.stop();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
