import { fieldError } from './api-error';

export const MAX_JSON_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters that change how the text around them is displayed without being visible themselves ("Trojan Source"):
 * bidi embeddings and overrides (U+202A-202E), isolates (U+2066-2069), the deprecated format controls after them
 * (U+206A-206F) and interlinear annotation marks (U+FFF9-FFFB). A name or title holding one reads differently on
 * each screen. The directional marks LRM, RLM and ALM stay allowed: they change no order, and mixed Arabic/Latin
 * text needs them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u206F\uFFF9-\uFFFB]/;
/** C0 and C1 control characters and DEL; tab and line breaks are checked apart (MULTILINE_FIELDS). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused.
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_OR_TAB = /[\t\n\r]/;
/** Free-text fields where an agent may write paragraphs: line breaks and tabs are legitimate there and only there. */
const MULTILINE_FIELDS = new Set([
  'summary', 'note', 'reason', 'body', 'description', 'comment', 'circumstances', 'obliterationNotes', 'outcome',
]);
/** Never displayed or matched, only hashed: a password may hold any character a user can type. */
const OPAQUE_FIELDS = new Set(['password']);

const fieldName = (path: string): string => /([A-Za-z0-9_$]+)(\[\d+\])*$/.exec(path)?.[1] ?? '';

const codePoint = (text: string, pattern: RegExp): string =>
  `U+${(pattern.exec(text)?.[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Text fields refuse invisible controls; the 400 names the field and the first offending code point. */
function checkText(value: string, path: string): void {
  const field = path || 'body';
  const name = fieldName(path);
  if (OPAQUE_FIELDS.has(name)) return;
  if (BIDI_CONTROL.test(value)) {
    const at = codePoint(value, BIDI_CONTROL);
    throw fieldError(field, `must not contain bidirectional control characters (${at})`, `no debe contener caracteres de control bidireccional (${at})`);
  }
  const control = CONTROL.test(value) ? CONTROL : !MULTILINE_FIELDS.has(name) && LINE_OR_TAB.test(value) ? LINE_OR_TAB : null;
  if (control) {
    const at = codePoint(value, control);
    throw fieldError(field, `must not contain control characters (${at})`, `no debe contener caracteres de control (${at})`);
  }
}

/**
 * Refuses, before any recursive processing, what PostgreSQL or the validator would choke on: bodies nested deeper than
 * anything the API accepts (a stack overflow otherwise), NUL characters and lone surrogates (not storable as text),
 * and in every text value (body, path and query alike) control and bidi characters (checkText).
 * Walks iteratively so that the check itself cannot overflow.
 */
export function checkJsonValue(root: unknown, rootName: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootName, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw fieldError(path || 'body', 'must not contain NUL characters', 'no debe contener caracteres NUL');
      if (LONE_SURROGATE.test(value)) throw fieldError(path || 'body', 'must be valid Unicode text', 'debe ser texto Unicode válido');
      checkText(value, path);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw fieldError(path || 'body', `is nested deeper than ${MAX_JSON_DEPTH} levels`, `tiene más de ${MAX_JSON_DEPTH} niveles de anidamiento`);
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [`.${k}`, v] as const);
    for (const [suffix, child] of entries) {
      if (!Array.isArray(value) && (LONE_SURROGATE.test(suffix) || BIDI_CONTROL.test(suffix) || CONTROL.test(suffix) || LINE_OR_TAB.test(suffix))) {
        throw fieldError(path || 'body', 'has a key that is not plain text', 'tiene una clave que no es texto simple');
      }
      stack.push({ value: child, path: path ? `${path}${suffix}` : suffix.replace(/^\./, ''), depth: depth + 1 });
    }
  }
}
