import { ACCESS_TABLE, DEMO_USERS, DemoUser, expectedOutcome, maySee, Outcome, RouteExpectation } from '../support/access-table';
import { http, login, withDb } from '../support/http';
import { createFixtures, Fixtures, MatrixResource, ResourceKind } from '../support/matrix-fixtures';
import { documentedRoutes, fillPath, nestRoutes } from '../support/route-table';
import { readStack } from '../support/stack';

/**
 * Every route x every demo user (and no token) x own / shared / other agency's record, from the router's own route
 * table: a route without an entry in test/support/access-table.ts fails here. Callers expected to get through send a
 * body the validation refuses (400 shows the role and agency checks let them pass, and nothing changes); callers
 * expected to be refused send a valid one, so only authorisation can stop them.
 */
const ROUTES = nestRoutes();
const INVALID_BODY = { matrixProbe: 'not a field of any request' };
const STACK_TRACE = /at \w+ \(|node_modules|\.ts:\d+/;

interface Answer { status: number; text: string; contentType: string }

async function send(route: string, spec: RouteExpectation, token: string | undefined, resource: MatrixResource | undefined, body: unknown): Promise<Answer> {
  const [method] = route.split(' ');
  const path = fillPath(route, { ...(resource ? { id: resource.id } : {}), ...(spec.params ?? {}) }) + (spec.query ?? '');
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (spec.stream) {
    // Headers are enough; the stream itself would stay open.
    const abort = new AbortController();
    const response = await fetch(`${readStack().apiUrl}${path}`, { headers: { ...headers, accept: 'text/event-stream' }, signal: abort.signal });
    const contentType = response.headers.get('content-type') ?? '';
    const text = response.status === 200 ? '' : await response.text();
    abort.abort();
    return { status: response.status, text, contentType };
  }
  const response = await http(method, path, { token, ...(body === undefined ? {} : { body }) });
  return { status: response.status, text: typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? ''), contentType: response.headers.get('content-type') ?? '' };
}

/** What counts as the expected outcome; 'ok' means the role and agency checks let the caller through. */
function matches(route: string, spec: RouteExpectation, expected: Outcome | 401, answer: Answer): boolean {
  if (expected !== 'ok') return answer.status === expected && answer.contentType.includes('application/problem+json');
  if (route.startsWith('GET ')) return answer.status >= 200 && answer.status < 300;
  if (spec.noBody) return (answer.status >= 200 && answer.status < 300) || answer.status === 409;
  return answer.status === 400;
}

describe('access matrix', () => {
  let fixtures: Fixtures;
  const tokens = new Map<string, string>();
  /** Every response body each user received, for the leak check. */
  const received = new Map<string, string[]>();
  let cells = 0;

  beforeAll(async () => {
    for (const user of DEMO_USERS) tokens.set(user.username, await login(user.username));
    fixtures = await createFixtures();
  }, 120_000);

  afterAll(() => {
    process.stdout.write(`[access-matrix] ${cells} cells checked over ${ROUTES.length} routes, ${DEMO_USERS.length} users and no token\n`);
  });

  it('has an expectation for every route, and the OpenAPI document lists every route the router has', async () => {
    const doc = await http('GET', '/docs-json');
    expect(documentedRoutes(doc.body)).toEqual(ROUTES);
    expect(ROUTES.filter((route) => !ACCESS_TABLE[route])).toEqual([]);
    expect(Object.keys(ACCESS_TABLE).filter((route) => !ROUTES.includes(route))).toEqual([]);
  });

  it('logs in the demo users with the agencies and roles the table assumes', () => {
    for (const user of DEMO_USERS) {
      const claims = JSON.parse(Buffer.from((tokens.get(user.username) as string).split('.')[1], 'base64url').toString());
      expect({ username: user.username, agency: claims.agency, roles: [...claims.roles].sort() })
        .toEqual({ username: user.username, agency: user.agency, roles: [...user.roles].sort() });
    }
  });

  it.each(ROUTES)('%s', async (route) => {
    const spec = ACCESS_TABLE[route];
    if (!spec) throw new Error(`no expectation for ${route}: add one to test/support/access-table.ts`);
    const targets: (MatrixResource | undefined)[] = spec.resource ? fixtures[spec.resource] : [undefined];
    const failures: string[] = [];
    const deniedCells = new Map<string, number>();
    const fromSeq = await withDb(async (db) => (await db.query('SELECT coalesce(max(seq), 0) AS seq FROM audit_log')).rows[0].seq);
    for (const resource of targets) {
      for (const user of [null, ...DEMO_USERS] as (DemoUser | null)[]) {
        const expected = expectedOutcome(route, spec, user, resource);
        const token = user ? tokens.get(user.username) : undefined;
        if (route === 'DELETE /cases/{id}/shares/{agency}' && expected === 'ok' && resource) {
          // Something to revoke, granted by the caller itself (an owner), so each allowed cell gets its 204.
          await http('POST', `/cases/${resource.id}/shares`, { token, body: { agency: spec.params?.agency, reason: 'matrix' } });
        }
        const body = route.startsWith('GET ') || spec.noBody ? undefined : expected === 'ok' ? INVALID_BODY : spec.body?.(resource);
        const answer = await send(route, spec, token, resource, body);
        cells += 1;
        if (expected !== 'ok' && user) deniedCells.set(user.username, (deniedCells.get(user.username) ?? 0) + 1);
        if (user) received.set(user.username, [...(received.get(user.username) ?? []), answer.text]);
        const cell = `${user?.username ?? '(no token)'} on ${spec.resource ? `${spec.resource} of ${resource?.owner}` : route}`;
        if (answer.status >= 500 || STACK_TRACE.test(answer.text)) failures.push(`${cell}: ${answer.status} ${answer.text.slice(0, 200)}`);
        else if (!matches(route, spec, expected, answer)) failures.push(`${cell}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    // Each refusal of a user left exactly one access.denied entry in the audit trail, under the caller's name. Refusals
    // without a token are counted per source address and window instead (test/integration/security-anonymous.spec.ts).
    const audited = await withDb(async (db) => (await db.query(
      `SELECT actor, count(*)::int AS n FROM audit_log WHERE seq > $1 AND action = 'access.denied' GROUP BY actor`, [fromSeq])).rows);
    expect(Object.fromEntries(audited.map((r) => [r.actor, r.n]))).toEqual(Object.fromEntries(deniedCells));
  });

  it('never sends anyone a value of a record their agency may not see', () => {
    const leaks: string[] = [];
    const shown = new Set<string>();
    for (const user of DEMO_USERS) {
      const bodies = (received.get(user.username) ?? []).join('\n');
      for (const [kind, resources] of Object.entries(fixtures) as [ResourceKind, MatrixResource[]][]) {
        for (const resource of resources) {
          const visible = maySee(kind, user, resource);
          for (const secret of resource.secrets.filter((s) => bodies.includes(s))) {
            if (visible) shown.add(secret);
            else leaks.push(`${user.username} received "${secret}" of ${kind} ${resource.id} (${resource.owner})`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    // The probe can see: each record's title-like value did reach someone allowed to read it.
    const unseen = Object.values(fixtures).flat().filter((r) => r.secrets.length > 0 && !shown.has(r.secrets[0])).map((r) => r.id);
    expect(unseen).toEqual([]);
  });
});
