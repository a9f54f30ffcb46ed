/** COPY text format helpers (no imports: the copy worker threads load them too). */

export type CopyValue = string | number | boolean | null;

/** One value in COPY text format: \N for null, backslash escapes for the characters the format reserves. */
export function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

/**
 * A PostgreSQL text[] literal with every element quoted (an element may hold spaces or be empty, as a token's codes
 * can); callers pass values without quotes or backslashes (folded names, codes).
 */
export const textArray = (items: string[]): string => `{${items.map((i) => `"${i}"`).join(',')}}`;
