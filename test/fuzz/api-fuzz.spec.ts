import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import { ACCESS_TABLE, DEMO_USERS, PLAIN_PAYLOADS } from '../support/access-table';
import { FuzzContext, FuzzRequest, OpenApiDoc, requestFor } from '../support/fuzz-arbitraries';
import { seededFixtures, seededRandom } from '../support/fuzz-fixtures';
import { validRequestFor } from '../support/fuzz-valid-requests';
import { http, login, withDb } from '../support/http';
import { problemError, ResponseDoc, ResponseValidator } from '../support/openapi-validator';
import { nestRoutes } from '../support/route-table';
import { readStack } from '../support/stack';

/**
 * Generated requests to every route of the router's table, each route in its turn: every run sends one valid request
 * (a caller allowed on a seeded fixture, values from the OpenAPI request schema) and one mutated request (hostile
 * path, query, headers, body). What must hold for any input: no 5xx, no stack trace, nothing written by a refused
 * request, every 4xx is problem+json, every 2xx fits the response schema the OpenAPI document declares (no undeclared
 * field), and every route answers both some 2xx and some 4xx. `npm test` runs FUZZ_RUNS=500 requests; `npm run
 * test:fuzz` 10,000. FUZZ_SEED replays a run: it seeds the fixtures' random values and every route's generator.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const STACK_TRACE = /at \w+[\w.<>]* \(|node_modules|\.(ts|js):\d+:\d+|\bError: /;
/** Tables request handlers write directly (workflows add hits, referrals, notifications and audit entries later). */
const TABLES = [
  'cases', 'case_subjects', 'case_identifiers', 'case_firearms', 'case_operations', 'case_shares', 'idempotency_keys',
  'lookouts', 'seizures', 'seizure_firearms', 'seizure_shares', 'traces', 'meetings', 'action_items', 'users', 'sessions',
];
const COUNT_SQL = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`;

/**
 * Not fuzzed: a logout ends one of the shared sessions and would leave the rest of the run unauthenticated (logout is
 * tested in test/integration/security-tokens.spec.ts).
 */
const EXCLUDED = new Set(['POST /auth/logout',
  // Identity (issue 19), tested in test/integration/identity-*.spec.ts: a valid second step or enrolment confirmation
  // needs a fresh TOTP code, a valid password change would change a shared demo user's password and end its sessions,
  // and the mutated requests name the shared agencies (USMS, PGR, ICE), which an admin's token would rename, retire or
  // delete under the other suites.
  'POST /auth/token/second-factor', 'POST /auth/mfa/confirm', 'POST /auth/password',
  'PATCH /admin/agencies/{code}', 'POST /admin/agencies/{code}/retire', 'POST /admin/agencies/{code}/reinstate', 'DELETE /admin/agencies/{code}',
]);
/** Its 2xx is an open event stream, not a JSON document: only its status is checked (payloads: the SSE specs). */
const STREAM = 'GET /notifications/stream';
/** Takes no input at all (no parameters, no body, public): nothing a client sends can be refused. */
const NO_4XX = new Set(['GET /health', 'GET /auth/sso/issuers']);
/**
 * Succeed only with an OpenID provider configured, which the shared stack is not (single sign-on: their successes are
 * in test/integration/sso.spec.ts and test/browser/sso-login.spec.ts); here they must refuse well and write nothing.
 */
const NO_2XX = new Set(Object.entries(ACCESS_TABLE).filter(([, spec]) => spec.withoutProvider).map(([route]) => route));
/** Routes that answer CSV for `Accept: text/csv`. */
const CSV_ROUTES = new Set(['GET /meetings/compliance', 'GET /stats']);
/**
 * Steps that move a record on, run after the routes that need it where it was: a closed case takes no appends, a trace
 * is started before its result, a report is requested before it is submitted and reviewed, a referral acknowledged
 * before it is accepted or declined.
 */
const LATE: string[] = [
  'DELETE /cases/{id}/shares/{agency}', 'POST /traces/{id}/start', 'POST /traces/{id}/result',
  'POST /meetings/{id}/report-request', 'POST /meetings/{id}/report', 'POST /meetings/{id}/report/review',
  'POST /referrals/{id}/acknowledge', 'POST /referrals/{id}/accept', 'POST /referrals/{id}/decline', 'POST /referrals/{id}/withdraw',
  'POST /action-items/{id}/close', 'POST /deconfliction/hits/{id}/resolve', 'POST /deconfliction/hits/{id}/reopen', 'POST /cases/{id}/close',
];
const ROUTES = nestRoutes().filter((r) => !EXCLUDED.has(r))
  .sort((a, b) => LATE.indexOf(a) - LATE.indexOf(b) || a.localeCompare(b));
const PER_ROUTE = Math.max(2, Math.ceil(RUNS / ROUTES.length / 2));

interface Answer { status: number; type: string; text: string }

async function send(request: FuzzRequest): Promise<Answer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 30_000);
  try {
    const response = await fetch(`${readStack().apiUrl}${request.path}`, {
      method: request.method, headers: request.headers, body: request.body, signal: abort.signal, redirect: 'manual',
    });
    const type = response.headers.get('content-type') ?? '';
    // An event stream stays open; its status and headers are the answer.
    if (type.startsWith('text/event-stream')) return { status: response.status, type, text: '' };
    return { status: response.status, type, text: await response.text() };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** What is wrong with a 2xx answer, if anything. */
function successError(route: string, answer: Answer, schemas: ResponseValidator): string | undefined {
  if (answer.status === 204) return answer.text ? 'a 204 with a body' : undefined;
  if (route === STREAM) return answer.type.startsWith('text/event-stream') ? undefined : `content-type ${answer.type}, not an event stream`;
  if (CSV_ROUTES.has(route) && answer.type.startsWith('text/csv')) return undefined;
  if (!answer.type.startsWith('application/json')) return `content-type ${answer.type || 'none'}, not application/json`;
  let body: unknown;
  try { body = JSON.parse(answer.text); } catch { return 'body is not JSON'; }
  const misfit = schemas.check(route, answer.status, body);
  return misfit && `body does not fit the OpenAPI response schema: ${misfit}`;
}

describe('fuzzing every route', () => {
  let ctx: FuzzContext;
  let schemas: ResponseValidator;
  const counts = new Map<string, Map<number, number>>();

  beforeAll(async () => {
    const doc = (await http('GET', '/docs-json')).body as OpenApiDoc & ResponseDoc;
    schemas = new ResponseValidator(doc);
    const tokens = await Promise.all(DEMO_USERS.map((u) => login(u.username)));
    const { fixtures, dedicated } = await seededFixtures(SEED);
    const claims = JSON.parse(Buffer.from(tokens[0].split('.')[1], 'base64url').toString());
    const signer = new JwtService({ secret: readStack().env.JWT_SECRET, signOptions: { algorithm: 'HS256' } });
    const now = Math.floor(Date.now() / 1000);
    const random = seededRandom(SEED);
    const uuid = () => '10000000-1000-4000-8000-100000000000'.replace(/0/g, () => Math.floor(random() * 16).toString(16));
    const admitted = Object.fromEntries(Object.entries(ACCESS_TABLE).map(([route, spec]) => [route, DEMO_USERS
      .map((user, i) => ({ user, token: tokens[i] }))
      .filter(({ user }) => !Array.isArray(spec.roles) || spec.roles.some((r) => user.roles.includes(r)))
      .map(({ token }) => token)]));
    // Only the running system can seal a payload with its key: the decode route's valid body is one it encoded.
    const sealed = await http('POST', '/codec/encode', { token: await login('admin'), body: PLAIN_PAYLOADS });
    if (sealed.status !== 200) throw new Error(`sealing a payload for /codec/decode: ${sealed.status} ${JSON.stringify(sealed.body)}`);
    ctx = {
      doc, tokens, admitted, fixtures, dedicated, bodies: { 'POST /codec/decode': sealed.body },
      users: DEMO_USERS.map((user, i) => ({ user, token: tokens[i] })),
      // In a fixed order (kind, then the builder's order), so a seed picks the same records in every run.
      ids: [...Object.values(fixtures).flat().map((r) => r.id), uuid()],
      badTokens: [
        signer.sign({ ...claims, iat: now - 7200, exp: now - 3600 }),
        signer.sign({ ...claims, jti: uuid(), iat: now, exp: now + 3600 }),
        new JwtService({ secret: 'another-secret-that-is-long-enough-000000' }).sign({ ...claims, iat: now, exp: now + 3600 }),
      ],
    };
    process.stdout.write(`[fuzz] seed ${SEED}, ${PER_ROUTE} runs of 2 requests on each of ${ROUTES.length} routes (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run test:fuzz)\n`);
  }, 120_000);

  afterAll(() => {
    const lines = [...counts.entries()].map(([route, byStatus]) =>
      `  ${route}: ${[...byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    process.stdout.write(`[fuzz] seed ${SEED}: statuses per route\n${lines.join('\n')}\n`);
  });

  it.each(ROUTES.map((route, i) => [route, i]))('%s: valid and mutated requests answer as the contract says', async (route, index) => {
    const seen = new Map<number, number>();
    /** One answer per status, shown when the route misses a 2xx or a 4xx. */
    const samples: Record<number, string> = {};
    counts.set(route, seen);
    await withDb(async (db) => {
      const count = async () => (await db.query(COUNT_SQL)).rows[0] as Record<string, number>;
      const check = async (request: FuzzRequest) => {
        const before = await count();
        const answer = await send(request);
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        samples[answer.status] ??= `${request.method} ${request.path}: ${answer.text.slice(0, 200)}`;
        const what = `${request.method} ${request.path} -> ${answer.status}: ${answer.text.slice(0, 300)}`;
        if (answer.status >= 500) throw new Error(`server error: ${what}`);
        if (STACK_TRACE.test(answer.text)) throw new Error(`stack trace in the answer: ${what}`);
        if (answer.status >= 200 && answer.status < 300) {
          const wrong = successError(route, answer, schemas);
          if (wrong) throw new Error(`${wrong}: ${what}`);
        }
        if (answer.status >= 400) {
          const wrong = problemError(answer.status, answer.type, answer.text);
          if (wrong) throw new Error(`not problem+json (${wrong}): ${what}`);
          const after = await count();
          const changed = TABLES.filter((t) => after[t] !== before[t]);
          if (changed.length) throw new Error(`refused, yet rows were written to ${changed.join(', ')}: ${what}`);
        }
      };
      const seed = (SEED + Number(index) * 7919) % 2 ** 31;
      const pair = fc.tuple(validRequestFor(route, ctx), requestFor([route], ctx));
      // The first run is driven: its valid request sends the access table's known-good body, and its mutated request
      // an expired token, so every route meets at least one request of each kind that must pass and must be refused.
      const [first] = fc.sample(fc.tuple(validRequestFor(route, ctx, true), requestFor([route], ctx)), { seed, numRuns: 1 });
      const refused: [FuzzRequest, FuzzRequest] = ACCESS_TABLE[route]?.roles === 'public' ? first
        : [first[0], { ...first[1], headers: { ...first[1].headers, authorization: `Bearer ${ctx.badTokens[0]}` } }];
      await fc.assert(fc.asyncProperty(pair, async ([valid, mutated]) => {
        await check(valid);
        await check(mutated);
      }), { numRuns: PER_ROUTE, seed, endOnFailure: RUNS > 1000, examples: [[refused]] });
    });
    const statuses = [...seen.keys()];
    const missing = [
      ...(statuses.some((s) => s < 300) || NO_2XX.has(route) ? [] : ['no 2xx']),
      ...(statuses.some((s) => s >= 400 && s < 500) || NO_4XX.has(route) ? [] : ['no 4xx']),
    ];
    if (missing.length) throw new Error(`${route}: ${missing.join(' and ')} in ${PER_ROUTE} runs; one answer per status:\n${Object.values(samples).join('\n')}`);
  }, Math.max(60_000, RUNS * 20));
});
