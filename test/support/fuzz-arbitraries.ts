import fc from 'fast-check';
import type { DemoUser } from './access-table';
import type { Fixtures, MatrixResource } from './matrix-fixtures';

/** Just enough of OpenAPI 3 for the generators: what @nestjs/swagger emits for this API's DTOs and queries. */
export interface Schema {
  $ref?: string; type?: string; enum?: unknown[]; format?: string; pattern?: string; properties?: Record<string, Schema>;
  required?: string[]; items?: Schema; maxLength?: number; minimum?: number; maximum?: number; maxItems?: number;
}
export interface Parameter { name: string; in: string; required?: boolean; schema?: Schema }
export interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Raw text sent as the body (already JSON, or deliberately not). */
  body?: string;
  /** The route it was generated for, as `METHOD /path/{param}`. */
  route: string;
}

export interface FuzzContext {
  doc: OpenApiDoc;
  /** Tokens of users that may log in (never a username whose failures could lock a demo account). */
  tokens: string[];
  /** Per route, the tokens of users whose roles it admits: most requests use one, to get past the role check. */
  admitted: Record<string, string[]>;
  /** Ids of records that exist, so some requests reach past the 404. */
  ids: string[];
  /** Tokens that are well formed but must be refused: expired, forged, for a session that was never opened. */
  badTokens: string[];
  /** The seeded fixtures and who may act on them: what the valid requests are built from (fuzz-valid-requests.ts). */
  fixtures: Fixtures;
  /** Per route, records made for it alone (its valid requests use them instead of the shared fixtures). */
  dedicated: Record<string, MatrixResource[]>;
  /** Per route, a valid body that only the running system can make (a payload sealed with its codec key). */
  bodies: Record<string, unknown>;
  users: { user: DemoUser; token: string }[];
}

const NASTY = [
  '', ' ', '\u0000', 'null', 'undefined', '-1', '0', '1e309', 'NaN', 'true', '[]', '{}', '../../etc/passwd', '%00', '%', '%zz',
  "' OR 1=1 --", '"; DROP TABLE cases; --', '{{7*7}}', '${7*7}', '<script>alert(1)</script>', '\\', '\ud800', '🙂🙃', 'ß'.repeat(50),
  'a'.repeat(5000), '\r\n\r\nX-Injected: 1', '__proto__', 'constructor', '2026-02-30T00:00:00Z', '9999-12-31T23:59:59+14:00', 'ICE', 'usms',
];
const RAW_BODIES = [
  '{', '{"title":', '[', ']', 'null', 'true', '0', '""', '"text"', '{"a":1}{"b":2}', '{"title":"a","title":"b","category":"OTHER"}',
  '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '1e999', '-0', '['.repeat(3000) + ']'.repeat(3000),
  '{"title":"\\ud800","category":"OTHER"}', '\u0000', '\ufeff{}', '{"a":' + '1'.repeat(400) + '}',
];

const junkString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 20 }) },
);
const headerSafe = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('', 'x'.repeat(300), 'ü', 'null', '../'));
const isoDate = fc.oneof(
  fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2500-01-01T00:00:00Z') }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z') }).map((d) => d.toISOString().replace('Z', '-07:00')),
  fc.constantFrom('2026-13-01T00:00:00Z', '2026-01-01T00:00:00', '2026-01-01', 'yesterday', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z'),
);
/** `arb` about once in `1 + none` draws, else undefined. */
const rarely = <T>(arb: fc.Arbitrary<T>, none = 4): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: none, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const wrongType = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 10 }), fc.constant([]), fc.constant({}));

/** Strings a field of this name and schema accepts (mostly): what a careful client would send. */
function cleanString(name: string, schema: Schema, ctx: FuzzContext): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.format === 'uuid' || /id$/i.test(name)) return fc.constantFrom(...ctx.ids);
  if (schema.pattern?.includes('\\d{4}')) return fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2020-01-01T00:00:00Z') }).map((d) => d.toISOString().slice(0, 10));
  if (/(At|from|to)$/.test(name)) return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z') }).map((d) => d.toISOString());
  if (/agenc/i.test(name)) return fc.constantFrom('ICE', 'ATF', 'CBP', 'PGR', 'SSP', 'RCMP', 'USMS');
  if (/serial/i.test(name)) return fc.stringMatching(/^[A-Z]{2}[0-9]{6,9}$/);
  if (/phone/i.test(name)) return fc.stringMatching(/^\+1 520 555 [0-9]{4}$/);
  if (/state/i.test(name)) return fc.constantFrom('AZ', 'TX', 'ca');
  return fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 100, 40) }).filter((t) => t.trim().length > 0);
}

function stringArbitrary(name: string, schema: Schema, ctx: FuzzContext, clean: boolean): fc.Arbitrary<unknown> {
  if (clean) return cleanString(name, schema, ctx);
  if (schema.enum) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: junkString });
  if (schema.format === 'uuid' || /id$/i.test(name)) return fc.oneof(fc.constantFrom(...ctx.ids), fc.uuid(), junkString);
  if (/(At|from|to|date|Date)$/.test(name) || schema.pattern?.includes('\\d{4}')) {
    return fc.oneof({ weight: 4, arbitrary: isoDate }, { weight: 1, arbitrary: isoDate.map((d) => d.slice(0, 10)) }, { weight: 1, arbitrary: junkString });
  }
  if (/agenc/i.test(name)) return fc.oneof(fc.constantFrom('ICE', 'ATF', 'CBP', 'PGR', 'RCMP', 'USMS', 'ssp', 'ZZZ'), junkString);
  const max = schema.maxLength ?? 100;
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 30) }) },
    { weight: 1, arbitrary: fc.string({ minLength: max, maxLength: max + 2 }) },
    { weight: 2, arbitrary: junkString },
    { weight: 1, arbitrary: fc.unicodeString({ maxLength: 30 }) },
  );
}

function numberArbitrary(schema: Schema): fc.Arbitrary<unknown> {
  const min = schema.minimum ?? -1000;
  const max = schema.maximum ?? 1000;
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: Math.floor(min) - 2, max: Math.ceil(max) + 2 }) },
    { weight: 2, arbitrary: fc.double({ min: min - 1, max: max + 1, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 53 + 2, 0.1, -1) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
}

/**
 * Values shaped like the schema: `clean` ones as a careful client sends them (so requests reach the services' own
 * checks and writes), the others with missing, extra and mistyped fields and hostile strings mixed in.
 */
export function valueFor(schema: Schema | undefined, ctx: FuzzContext, name = '', depth = 0, clean = false): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref) return valueFor(ctx.doc.components.schemas[schema.$ref.split('/').pop() as string], ctx, name, depth, clean);
  let shaped: fc.Arbitrary<unknown>;
  if (schema.type === 'object' || schema.properties) {
    const props = schema.properties ?? {};
    const record = fc.record(
      Object.fromEntries(Object.entries(props).map(([key, sub]) => [key, valueFor(sub, ctx, key, depth + 1, clean)])),
      { requiredKeys: schema.required ?? [] },
    );
    if (clean) return record;
    const required = schema.required ?? [];
    shaped = fc.tuple(
      record,
      rarely(fc.tuple(fc.constantFrom('extra', 'id', '__proto__', 'owningAgency', 'status'), fc.jsonValue({ maxDepth: 1 })), 8),
      required.length ? rarely(fc.constantFrom(...required), 8) : fc.constant(undefined),
    ).map(([value, extra, drop]) => {
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      if (drop) delete out[drop];
      if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
      return out;
    });
  } else if (schema.type === 'array') {
    const items = valueFor(schema.items, ctx, name, depth + 1, clean);
    shaped = clean ? fc.array(items, { minLength: 1, maxLength: 2 }) : fc.array(items, { maxLength: Math.min((schema.maxItems ?? 3) + 1, 4) });
  } else if (schema.type === 'string') {
    shaped = stringArbitrary(name, schema, ctx, clean);
  } else if (clean && (schema.type === 'number' || schema.type === 'integer')) {
    shaped = /latitude/i.test(name) ? fc.double({ min: -80, max: 80, noNaN: true }) : /longitude/i.test(name) ? fc.double({ min: -170, max: 170, noNaN: true })
      : fc.integer({ min: Math.ceil(schema.minimum ?? 1), max: Math.floor(Math.min(schema.maximum ?? 1000, 1000)) });
  } else if (schema.type === 'number' || schema.type === 'integer') {
    shaped = /latitude/i.test(name) ? fc.double({ min: -95, max: 95, noNaN: true }) : /longitude/i.test(name) ? fc.double({ min: -185, max: 185, noNaN: true }) : numberArbitrary(schema);
  } else if (schema.type === 'boolean') {
    shaped = fc.boolean();
  } else {
    shaped = fc.jsonValue({ maxDepth: 2 });
  }
  return clean ? shaped : fc.oneof({ weight: 12, arbitrary: shaped }, { weight: 1, arbitrary: wrongType });
}

export const encodeSegment = (text: string): string => {
  try { return encodeURIComponent(text); } catch { return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '?')); }
};

function queryFor(parameters: Parameter[], ctx: FuzzContext): fc.Arbitrary<string> {
  const documented = parameters.filter((p) => p.in === 'query').map((p) =>
    rarely(fc.oneof(
      { weight: 4, arbitrary: valueFor(p.schema, ctx, p.name).map((v) => [[p.name, typeof v === 'string' ? v : JSON.stringify(v)]]) },
      { weight: 1, arbitrary: fc.array(junkString, { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => [p.name, v])) },
    ), 1));
  const extra = rarely(fc.tuple(fc.constantFrom('limit', 'cursor', 'since', 'x', '__proto__', 'status[]', 'a[b]'), junkString).map((pair) => [pair]), 5);
  return fc.tuple(...documented, extra).map((groups) => {
    const pairs = (groups.filter(Boolean) as string[][][]).flat();
    return pairs.length ? `?${pairs.map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`).join('&')}` : '';
  });
}

function headersFor(ctx: FuzzContext, route: string): fc.Arbitrary<Record<string, string>> {
  const admitted = ctx.admitted[route]?.length ? ctx.admitted[route] : ctx.tokens;
  const auth = fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...admitted).map((t) => `Bearer ${t}`) },
    { weight: 10, arbitrary: fc.constantFrom(...ctx.tokens).map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(...ctx.badTokens).map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: headerSafe.map((t) => `Bearer ${t}`) },
    { weight: 1, arbitrary: fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', 'bearer  a.b.c', 'Bearer eyJhbGciOiJub25lIn0.e30.') },
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'application/problem+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'APPLICATION/JSON') },
    { weight: 1, arbitrary: headerSafe },
  );
  const optional = (arb: fc.Arbitrary<string>) => rarely(arb, 3);
  return fc.record({
    authorization: auth, 'content-type': contentType,
    'accept-language': optional(fc.oneof(fc.constantFrom('es', 'es-MX,es;q=0.9', 'en;q=0', 'es;q=abc', '*'), headerSafe)),
    accept: optional(fc.constantFrom('text/csv', 'application/json', '*/*', 'text/event-stream', 'image/png')),
    'idempotency-key': optional(fc.oneof(fc.uuid(), headerSafe)),
    'last-event-id': optional(fc.oneof(fc.nat().map(String), headerSafe)),
    'x-request-id': optional(headerSafe),
  }).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
}

function bodyFor(schema: Schema | undefined, ctx: FuzzContext): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: valueFor(schema, ctx, '', 0, true).map((v) => JSON.stringify(v)) },
    { weight: 6, arbitrary: valueFor(schema, ctx).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** One request to one of the routes, with every part generated: path parameters, query, headers and body. */
export function requestFor(routes: string[], ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...routes).chain((route) => {
    const [method, template] = route.split(' ');
    const op = ctx.doc.paths[template]?.[method.toLowerCase()] ?? {};
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    // A route given records of its own (fuzz-fixtures.ts) changes them for good (a cancelled meeting takes no step):
    // its mutated requests name those too, so one that still succeeds cannot spoil the shared records later routes use.
    const ids = ctx.dedicated[route]?.map((r) => r.id) ?? ctx.ids;
    const params = fc.tuple(...names.map((name) => fc.oneof(
      { weight: 6, arbitrary: name === 'id' ? fc.constantFrom(...ids) : fc.constantFrom('USMS', 'PGR', 'ICE') },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: junkString.map(encodeSegment) },
      { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%00', '..%2f..%2f', '%E0%A4%A') },
    )));
    const schema = op.requestBody?.content?.['application/json']?.schema;
    const hasBody = method !== 'GET' && method !== 'HEAD';
    return fc.record({
      params, query: queryFor(op.parameters ?? [], ctx), headers: headersFor(ctx, route),
      body: hasBody ? bodyFor(schema, ctx) : fc.constant(undefined),
    }).map(({ params: values, query, headers, body }) => {
      let i = 0;
      const path = template.replace(/\{\w+\}/g, () => String(values[i++] || 'x')) + query;
      return { route, method, path, headers, ...(body === undefined ? {} : { body }) };
    });
  });
}
