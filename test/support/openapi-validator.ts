import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks answers against the OpenAPI document the API serves (GET /docs-json), with Ajv (already a dependency of the
 * toolchain). Objects the document describes are closed: a field the response DTO does not declare fails, so a
 * pointer-only view cannot grow a field silently. A schema that wants free-form content says
 * `additionalProperties: true` itself.
 */
type Json = Record<string, unknown>;
interface Operation { responses?: Record<string, { content?: Record<string, { schema?: Json }> }> }
export interface ResponseDoc { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Json> } }

const DOC_ID = 'openapi-doc';

/** Deep copy with every object schema closed and every local `$ref` pointed at the document's id. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    // `properties` maps names to schemas: its keys are field names, never keywords.
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, closed(v)]));
    else if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${DOC_ID}${value}`;
    else out[key] = closed(value);
  }
  // `{ nullable, allOf: [{ $ref }] }` is how a nullable DTO reference comes out: null, or the referenced (closed) schema.
  if (out.allOf || out.oneOf || out.anyOf) {
    const { nullable, type: _type, ...rest } = out;
    return nullable ? { anyOf: [rest, { type: 'null' }] } : rest;
  }
  if ((out.type === 'object' || out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction | null>();

  constructor(private readonly doc: ResponseDoc) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: closed(doc.components ?? {}) });
  }

  /** The JSON schema the document declares for this route and status (or its 2XX / default entry), if any. */
  schemaFor(route: string, status: number): Json | undefined {
    const [method, template] = route.split(' ');
    const responses = this.doc.paths[template]?.[method.toLowerCase()]?.responses ?? {};
    const entry = responses[String(status)] ?? responses['2XX'] ?? responses.default;
    return entry?.content?.['application/json']?.schema;
  }

  /** Undefined when the body fits the declared schema; otherwise what does not fit. Throws when nothing is declared. */
  check(route: string, status: number, body: unknown): string | undefined {
    const key = `${route} ${status}`;
    if (!this.cache.has(key)) {
      const schema = this.schemaFor(route, status);
      this.cache.set(key, schema ? this.ajv.compile(closed(schema) as Json) : null);
    }
    const validate = this.cache.get(key);
    if (!validate) return `no application/json response schema declared for ${status} in the OpenAPI document`;
    if (validate(body)) return undefined;
    return (validate.errors ?? []).map((e) => {
      const extra = (e.params as { additionalProperty?: string }).additionalProperty;
      return `body${e.instancePath} ${e.message}${extra ? ` ("${extra}")` : ''}`;
    }).join('; ');
  }
}

/** Undefined when the answer is problem+json with type, title, status (the HTTP status) and detail; else what is wrong. */
export function problemError(status: number, contentType: string, text: string): string | undefined {
  if (!contentType.startsWith('application/problem+json')) return `content-type ${contentType || 'none'}, not application/problem+json`;
  let body: Json;
  try { body = JSON.parse(text) as Json; } catch { return 'body is not JSON'; }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body is not an object';
  for (const field of ['type', 'title', 'detail']) if (typeof body[field] !== 'string' || !body[field]) return `"${field}" is not a non-empty string`;
  if (body.status !== status) return `"status" is ${JSON.stringify(body.status)}, the answer ${status}`;
  if (body.errors !== undefined) {
    if (!Array.isArray(body.errors)) return '"errors" is not an array';
    const bad = body.errors.find((e: unknown) => typeof (e as Json)?.field !== 'string' || typeof (e as Json)?.message !== 'string');
    if (bad !== undefined) return `an "errors" entry is not { field, message }: ${JSON.stringify(bad)}`;
  }
  return undefined;
}
