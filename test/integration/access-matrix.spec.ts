import {
  ACCESS_TABLE, DEMO_USERS, DemoUser, expectedOutcome, foreignTo, maySee, Outcome, READ_AUDIT_ACTION, RouteExpectation,
} from '../support/access-table';
import { http, login, withDb } from '../support/http';
import { GRANTED_WRITES } from '../support/granted-writes';
import { createFixtures, Fixtures, MatrixResource, ResourceKind } from '../support/matrix-fixtures';
import { documentedRoutes, fillPath, nestRoutes } from '../support/route-table';
import { readStack } from '../support/stack';

/**
 * Every route x every demo user (and no token) x own / shared / other agency's record, from the router's own route
 * table: a route without an entry in test/support/access-table.ts fails here. Callers expected to get through send a
 * body the validation refuses (400 shows the role and agency checks let them pass, and nothing changes); callers
 * expected to be refused send a valid one, so only authorisation can stop them. Every 2xx read of another agency's data
 * owes exactly one read-audit entry (lists included), and each write granted across agencies runs for real once, on
 * fixtures of its own (test/support/granted-writes.ts).
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

/** The items of the pages after `first`, following `nextCursor` (at most 50 pages). */
async function pagesAfter(
  route: string, spec: RouteExpectation, token: string | undefined, resource: MatrixResource | undefined, first: Answer,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor = (JSON.parse(first.text) as { nextCursor?: string | null }).nextCursor;
  for (let page = 0; cursor && page < 50; page += 1) {
    const separator = spec.query ? '&' : '?';
    const next = await send(route, { ...spec, query: `${spec.query ?? ''}${separator}cursor=${encodeURIComponent(cursor)}` }, token, resource, undefined);
    const body = JSON.parse(next.text) as { items?: Item[]; nextCursor?: string | null };
    items.push(...(body.items ?? []));
    cursor = body.nextCursor;
  }
  return items;
}

/** What counts as the expected outcome; 'ok' means the role and agency checks let the caller through. */
function matches(route: string, spec: RouteExpectation, expected: Outcome | 401, answer: Answer): boolean {
  if (expected !== 'ok') return answer.status === expected && answer.contentType.includes('application/problem+json');
  if (spec.withoutProvider) return spec.withoutProvider.includes(answer.status) && answer.contentType.includes('application/problem+json');
  if (route.startsWith('GET ')) return answer.status >= 200 && answer.status < 300;
  if (spec.noBody) return (answer.status >= 200 && answer.status < 300) || answer.status === 409;
  return answer.status === 400;
}

const lastSeq = (): Promise<string> => withDb(async (db) => (await db.query('SELECT coalesce(max(seq), 0) AS seq FROM audit_log')).rows[0].seq);

interface ReadAuditRow { action: string; entity_id: string | null; details: { records?: { id: string }[] } }
type Item = Record<string, unknown>;
const sorted = (ids: string[]) => [...ids].sort();

/**
 * Every read of another agency's data is audited, lists included: a 2xx read that returned a record holding another
 * agency's data owes exactly one read-audit entry under the caller's name (naming the record, or for a list every
 * such record it returned); any other read owes none. Lists must show the fixtures the caller may read, so the
 * expectation cannot pass on an empty list. Returns the problems and how many foreign fixtures the list showed.
 */
async function readAuditProblems(
  cell: string, spec: RouteExpectation, fixtures: Fixtures, user: DemoUser, resource: MatrixResource | undefined, answer: Answer,
  audited: { fromSeq: string; toSeq: string }, laterPages: Item[],
): Promise<{ problems: string[]; foreignShown: number }> {
  const rows: ReadAuditRow[] = await withDb(async (db) => (await db.query(
    'SELECT action, entity_id, details FROM audit_log WHERE seq > $1 AND seq <= $2 AND actor = $3 AND action ~ $4 ORDER BY seq',
    [audited.fromSeq, audited.toSeq, user.username, READ_AUDIT_ACTION])).rows);
  const problems: string[] = [];
  let foreignShown = 0;
  let owed: { entityId: string | null; ids?: string[] } | null = null;
  const ok = answer.status >= 200 && answer.status < 300;
  if (ok && resource && foreignTo(user, resource.agencies)) owed = { entityId: resource.id };
  if (ok && spec.list) {
    const list = spec.list;
    const items = (JSON.parse(answer.text) as { items: Item[] }).items;
    // The fixtures may sit on a later page when earlier specs filled the list (the hit queue is oldest first).
    const ids = new Set([...items, ...laterPages].map((item) => String(item.id)));
    for (const fixture of fixtures[list.kind].filter((r) => list.shows(user, r))) {
      if (!ids.has(fixture.id)) problems.push(`${cell}: the list lacks ${list.kind} ${fixture.id} of ${fixture.owner}, which it may read`);
      else if (foreignTo(user, fixture.agencies)) foreignShown += 1;
    }
    const foreign = items.filter((item) => foreignTo(user, list.agenciesOf(item))).map((item) => String(item.id));
    if (foreign.length > 0) owed = { entityId: null, ids: sorted(foreign) };
  }
  const got = rows.map((r) => ({ action: r.action, entityId: r.entity_id, ids: sorted((r.details.records ?? []).map((x) => x.id)) }));
  if (!owed && rows.length > 0) problems.push(`${cell}: expected no read-audit entry, got ${JSON.stringify(got)}`);
  const matchesOwed = owed && rows.length === 1 && got[0].entityId === owed.entityId
    && (!owed.ids || JSON.stringify(got[0].ids) === JSON.stringify(owed.ids));
  if (owed && !matchesOwed) problems.push(`${cell}: expected one read-audit entry for ${JSON.stringify(owed)}, got ${JSON.stringify(got)}`);
  return { problems, foreignShown };
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
    let foreignShown = 0;
    const fromSeq = await lastSeq();
    for (const resource of targets) {
      for (const user of [null, ...DEMO_USERS] as (DemoUser | null)[]) {
        const expected = expectedOutcome(route, spec, user, resource);
        const token = user ? tokens.get(user.username) : undefined;
        if (route === 'DELETE /cases/{id}/shares/{agency}' && expected === 'ok' && resource) {
          // Something to revoke, granted by the caller itself (an owner), so each allowed cell gets its 204.
          await http('POST', `/cases/${resource.id}/shares`, { token, body: { agency: spec.params?.agency, reason: 'matrix' } });
        }
        const body = route.startsWith('GET ') || spec.noBody ? undefined : expected === 'ok' ? INVALID_BODY : spec.body?.(resource);
        const isRead = route.startsWith('GET ') && !spec.stream && user !== null;
        const beforeCell = isRead ? await lastSeq() : '0';
        const answer = await send(route, spec, token, resource, body);
        cells += 1;
        if (expected !== 'ok' && user) deniedCells.set(user.username, (deniedCells.get(user.username) ?? 0) + 1);
        if (user) received.set(user.username, [...(received.get(user.username) ?? []), answer.text]);
        const cell = `${user?.username ?? '(no token)'} on ${spec.resource ? `${spec.resource} of ${resource?.owner}` : route}`;
        if (answer.status >= 500 || STACK_TRACE.test(answer.text)) failures.push(`${cell}: ${answer.status} ${answer.text.slice(0, 200)}`);
        else if (!matches(route, spec, expected, answer)) failures.push(`${cell}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 200)}`);
        else if (isRead && user) {
          if (spec.nonEmpty?.(user, resource) && answer.status < 300 && !((JSON.parse(answer.text) as { items?: Item[] }).items?.length)) {
            failures.push(`${cell}: expected a non-empty list (the fixtures hold what it lists), got ${answer.text.slice(0, 200)}`);
          }
          // The first page's read audit is checked alone: later pages are reads of their own, audited as such.
          const afterCell = await lastSeq();
          const laterPages = spec.list && answer.status < 300 ? await pagesAfter(route, spec, token, resource, answer) : [];
          const read = await readAuditProblems(cell, spec, fixtures, user, resource, answer, { fromSeq: beforeCell, toSeq: afterCell }, laterPages);
          failures.push(...read.problems);
          foreignShown += read.foreignShown;
        }
      }
    }
    expect(failures).toEqual([]);
    // A list that may return another agency's records showed one to someone, so its read audit was exercised.
    if (spec.list) expect({ route, foreignShown: foreignShown > 0 }).toEqual({ route, foreignShown: !spec.list.ownOnly });
    // Each refusal of a user left exactly one access.denied entry in the audit trail, under the caller's name. Refusals
    // without a token are counted per source address and window instead (test/integration/security-anonymous.spec.ts).
    const audited = await withDb(async (db) => (await db.query(
      `SELECT actor, count(*)::int AS n FROM audit_log WHERE seq > $1 AND action = 'access.denied' GROUP BY actor`, [fromSeq])).rows);
    expect(Object.fromEntries(audited.map((r) => [r.actor, r.n]))).toEqual(Object.fromEntries(deniedCells));
  });

  /**
   * Whether a user may see a record is decided by the table's read route of its kind, role included: the desk (an ICE
   * user) reads hits but no case, lookout or seizure, so its queue, hit pages and notifications are checked too.
   */
  it('never sends anyone a value of a record they may not read', () => {
    const leaks: string[] = [];
    const shown = new Set<string>();
    // A value disclosed with a referral's packet is held by the case and by the referral: whoever may read either may get it.
    const holders = new Map<string, [ResourceKind, MatrixResource][]>();
    for (const [kind, resources] of Object.entries(fixtures) as [ResourceKind, MatrixResource[]][]) {
      for (const resource of resources) for (const secret of resource.secrets) holders.set(secret, [...(holders.get(secret) ?? []), [kind, resource]]);
    }
    for (const user of DEMO_USERS) {
      const bodies = (received.get(user.username) ?? []).join('\n');
      for (const [kind, resources] of Object.entries(fixtures) as [ResourceKind, MatrixResource[]][]) {
        for (const resource of resources) {
          for (const secret of resource.secrets.filter((s) => bodies.includes(s))) {
            const visible = (holders.get(secret) ?? []).some(([k, r]) => maySee(k, user, r));
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

  it('runs every write granted across agencies for real, on fixtures of its own: it succeeds and is audited under the caller', async () => {
    const steps = [];
    for (const run of GRANTED_WRITES) steps.push(...(await run((username) => tokens.get(username) as string)));
    // Every write route the table lets someone use on a record of another agency (or holding another agency's data).
    const granted = new Set<string>();
    for (const [route, spec] of Object.entries(ACCESS_TABLE)) {
      if (route.startsWith('GET ') || !spec.resource) continue;
      for (const resource of fixtures[spec.resource]) {
        for (const user of DEMO_USERS) {
          if (expectedOutcome(route, spec, user, resource) === 'ok' && foreignTo(user, [resource.owner, ...resource.agencies])) granted.add(route);
        }
      }
    }
    expect([...new Set(steps.map((step) => step.route))].sort()).toEqual([...granted].sort());
    const unaudited = [];
    for (const step of steps) {
      const n = await withDb(async (db) => (await db.query(
        'SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND actor = $2 AND action = $3', [step.entityId, step.caller, step.action])).rows[0].n);
      if (n !== 1) unaudited.push(`${step.route} by ${step.caller}: ${n} ${step.action} entries`);
    }
    expect(unaudited).toEqual([]);
  }, 180_000);
});
