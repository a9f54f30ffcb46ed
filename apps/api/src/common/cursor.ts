import { ApiError, fieldError } from './api-error';

/**
 * Keyset cursors: opaque to clients (base64url of a JSON array of the page's last key fields, in declaration order),
 * checked strictly when they come back. A context declares only its key fields.
 */
export interface CursorField<T> {
  write(value: T): string | number;
  /** The value, or undefined when the raw one is not what this API writes. */
  read(raw: unknown): T | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const cursorField = {
  uuid: {
    write: (id: string) => id,
    read: (raw: unknown) => (typeof raw === 'string' && UUID.test(raw) ? raw : undefined),
  } satisfies CursorField<string>,
  /** An instant; the year bounds reject what a client could only have made up. */
  instant: (fromYear: number, toYear: number): CursorField<Date> => ({
    write: (at) => at.toISOString(),
    read: (raw) => {
      if (typeof raw !== 'string') return undefined;
      const at = new Date(raw);
      const year = at.getUTCFullYear();
      return Number.isNaN(at.getTime()) || year < fromYear || year > toYear ? undefined : at;
    },
  }),
  integer: (min: number, max: number): CursorField<number> => ({
    write: (n) => n,
    read: (raw) => (Number.isInteger(raw) && (raw as number) >= min && (raw as number) <= max ? (raw as number) : undefined),
  }),
  oneOf: <V extends string>(...values: V[]): CursorField<V> => ({
    write: (v) => v,
    read: (raw) => values.find((v) => v === raw),
  }),
};

/** 400 on `cursor`: a cursor that is not one this listing issued. */
export const foreignCursor = (): ApiError =>
  fieldError('cursor', 'is not a cursor this API issued', 'no es un cursor emitido por esta API');

export interface CursorCodec<T> {
  encode(position: T): string;
  /** The position a cursor names, or null when it is not one this API issued. */
  decode(cursor: string): T | null;
  /** A `cursor` query parameter: undefined when absent, 400 on `cursor` when it is not one this API issued. */
  parse(cursor: string | undefined): T | undefined;
}

/** `tag`, when given, leads the array so a cursor of one listing is refused by another with the same key shape. */
export function cursorCodec<T extends object>(fields: { [K in keyof T]: CursorField<T[K]> }, tag?: string): CursorCodec<T> {
  const names = Object.keys(fields) as (keyof T)[];
  const prefix = tag === undefined ? [] : [tag];
  const decode = (cursor: string): T | null => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!Array.isArray(parsed) || parsed.length !== prefix.length + names.length) return null;
    if (tag !== undefined && parsed[0] !== tag) return null;
    const position: Partial<T> = {};
    for (const [i, name] of names.entries()) {
      const value = fields[name].read(parsed[prefix.length + i]);
      if (value === undefined) return null;
      position[name] = value;
    }
    return position as T;
  };
  return {
    encode: (position) => {
      const values = [...prefix, ...names.map((name) => fields[name].write(position[name]))];
      return Buffer.from(JSON.stringify(values)).toString('base64url');
    },
    decode,
    parse: (cursor) => {
      if (cursor === undefined) return undefined;
      const position = decode(cursor);
      if (position === null) throw foreignCursor();
      return position;
    },
  };
}

/**
 * The common listing order: newest first over (created_at, id). A cursor the API issued must always decode, so the bounds
 * span any creation time a row may hold (records dated into the past by an import, or by a test isolating a month).
 */
export const keysetCursor = cursorCodec<{ createdAt: Date; id: string }>({
  createdAt: cursorField.instant(1900, 9999), id: cursorField.uuid,
});

/** Rows were fetched one past the page: when that one came back, the page's last row is where the next page starts. */
export function nextKeyset(rows: { createdAt: Date; id: string }[], limit: number): string | null {
  return rows.length > limit ? keysetCursor.encode(rows[limit - 1]) : null;
}
