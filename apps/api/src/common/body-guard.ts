import { fieldError } from './api-error';

export const MAX_JSON_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses, before any recursive processing, what PostgreSQL or the validator would choke on: bodies nested deeper than
 * anything the API accepts (a stack overflow otherwise), NUL characters and lone surrogates (not storable as text).
 * Walks iteratively so that the check itself cannot overflow.
 */
export function checkJsonValue(root: unknown, rootName: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootName, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw fieldError(path || 'body', 'must not contain NUL characters', 'no debe contener caracteres NUL');
      if (LONE_SURROGATE.test(value)) throw fieldError(path || 'body', 'must be valid Unicode text', 'debe ser texto Unicode válido');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw fieldError(path || 'body', `is nested deeper than ${MAX_JSON_DEPTH} levels`, `tiene más de ${MAX_JSON_DEPTH} niveles de anidamiento`);
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [`.${k}`, v] as const);
    for (const [suffix, child] of entries) {
      if (!Array.isArray(value) && LONE_SURROGATE.test(suffix)) throw fieldError(path || 'body', 'has a key that is not valid Unicode', 'tiene una clave que no es Unicode válido');
      stack.push({ value: child, path: path ? `${path}${suffix}` : suffix.replace(/^\./, ''), depth: depth + 1 });
    }
  }
}
