import fc from 'fast-check';
import { ACCESS_TABLE, expectedOutcome } from './access-table';
import { encodeSegment, FuzzContext, FuzzRequest, Parameter, valueFor } from './fuzz-arbitraries';
import { DEMO_PASSWORD } from './http';
import type { MatrixResource } from './matrix-fixtures';

/**
 * Requests a careful client would send: a caller the access table lets act on the record (a fixture picked by kind and
 * index), values drawn from the route's OpenAPI request schema, or the access table's own valid body. Most reach the
 * service and succeed; the rest meet a business rule (409, 422) for reasons of state, which is fine.
 */
interface Caller { token?: string; resource?: MatrixResource }

/**
 * Routes whose valid requests act on one fixture only: accepting takes one referral (declining has one of its own, see
 * fuzz-fixtures.ts), a share is revoked on the case it was granted on, and
 * ATF's meeting (with its outcome) walks the report steps while ICE's records its outcome.
 */
const PINNED: Record<string, number> = {
  'POST /referrals/{id}/accept': 0,
  'POST /cases/{id}/shares': 0, 'DELETE /cases/{id}/shares/{agency}': 0,
  'POST /meetings/{id}/outcome': 0, 'POST /meetings/{id}/report-request': 1, 'POST /meetings/{id}/report': 1, 'POST /meetings/{id}/report/review': 1,
};

function callers(route: string, ctx: FuzzContext): Caller[] {
  const spec = ACCESS_TABLE[route];
  if (!spec) throw new Error(`${route} has no entry in the access table`);
  if (spec.roles === 'public') return [{}];
  const all = ctx.dedicated[route] ?? (spec.resource ? ctx.fixtures[spec.resource] : [undefined]);
  // A route with records of its own uses all of them; pinning picks among the shared fixtures only.
  const pin = ctx.dedicated[route] ? undefined : PINNED[route];
  const resources: (MatrixResource | undefined)[] = pin === undefined ? all : [all[pin]];
  const out: Caller[] = [];
  for (const resource of resources) {
    for (const { user, token } of ctx.users) {
      if (expectedOutcome(route, spec, user, resource) === 'ok') out.push({ token, resource });
    }
  }
  if (!out.length) throw new Error(`no demo user may call ${route} on any fixture`);
  return out;
}

/** Query parameters a client would use; cursors and `since` are only ever what the API handed out, so left out. */
function cleanQuery(parameters: Parameter[], route: string, ctx: FuzzContext): fc.Arbitrary<string> {
  const fixed = ACCESS_TABLE[route]?.query;
  if (fixed) return fc.constant(fixed);
  const usable = parameters.filter((p) => p.in === 'query' && !['cursor', 'since'].includes(p.name));
  const pairs = usable.map((p) => fc.option(valueFor(p.schema, ctx, p.name, 0, true).map((v) => [p.name, String(v)]), { nil: undefined }));
  return fc.tuple(...pairs).map((chosen) => {
    const set = chosen.filter((pair): pair is string[] => pair !== undefined);
    return set.length ? `?${set.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&')}` : '';
  });
}

/** `tableBody`: always the access table's body where it has one (known to pass validation), else the schema's. */
export function validRequestFor(route: string, ctx: FuzzContext, tableBody = false): fc.Arbitrary<FuzzRequest> {
  const [method, template] = route.split(' ');
  const spec = ACCESS_TABLE[route];
  const op = ctx.doc.paths[template]?.[method.toLowerCase()] ?? {};
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const options = callers(route, ctx);
  return fc.record({
    caller: fc.integer({ min: 0, max: options.length - 1 }).map((i) => options[i]),
    query: cleanQuery(op.parameters ?? [], route, ctx),
    fromSchema: schema ? valueFor(schema, ctx, '', 0, true) : fc.constant(undefined),
    useTable: tableBody ? fc.constant(true) : fc.boolean(),
    language: fc.constantFrom(undefined, 'es', 'en'),
  }).map(({ caller, query, fromSchema, useTable, language }) => {
    // A record made for one route may name its other path parameters (a case's firearm) in `extra`.
    const params: Record<string, string> = {
      ...(spec.params ?? {}), ...(caller.resource?.extra ?? {}), ...(caller.resource ? { id: caller.resource.id } : {}),
    };
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(params[name] ?? 'x')) + query;
    const headers: Record<string, string> = {};
    if (caller.token) headers.authorization = `Bearer ${caller.token}`;
    if (language) headers['accept-language'] = language;
    let body: unknown;
    if (route === 'POST /auth/token') body = { username: ctx.users[0].user.username, password: DEMO_PASSWORD };
    else if (ctx.bodies[route] !== undefined && (useTable || !schema)) body = ctx.bodies[route];
    else if (spec.body && (useTable || !schema)) body = spec.body(caller.resource);
    else if (schema) body = fromSchema;
    // No Idempotency-Key: its row may land after the answer, inside the next request's nothing-written window.
    if (body !== undefined) headers['content-type'] = 'application/json';
    return { route, method, path, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  });
}
