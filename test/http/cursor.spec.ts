import { cursorCodec, cursorField, keysetCursor } from '../../apps/api/src/common/cursor';

const ID = '0b6f3f0e-8f7a-4a39-9a55-2f5b4c6f1d2e';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursor codec', () => {
  const tagged = cursorCodec<{ sort: 'a' | 'b'; rank: number; at: Date; id: string }>({
    sort: cursorField.oneOf('a', 'b'), rank: cursorField.integer(0, 2), at: cursorField.instant(2000, 2999), id: cursorField.uuid,
  }, 'list');

  it('round-trips a position, the tag first and the fields in declaration order', () => {
    const position = { sort: 'b' as const, rank: 2, at: new Date('2031-05-06T07:08:09.010Z'), id: ID };
    const cursor = tagged.encode(position);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).toEqual(['list', 'b', 2, '2031-05-06T07:08:09.010Z', ID]);
    expect(tagged.decode(cursor)).toEqual(position);
  });

  it('keeps the wire format of the (created_at, id) keyset cursors already handed out', () => {
    const createdAt = new Date('2030-01-02T03:04:05.000Z');
    expect(keysetCursor.encode({ createdAt, id: ID })).toBe(raw(['2030-01-02T03:04:05.000Z', ID]));
  });

  it('decodes every creation time a row can hold, old ones included (rows dated into past months, imported records)', () => {
    for (const at of ['1901-02-15T12:00:00.000Z', '1979-12-15T12:00:00.000Z', '2999-01-01T00:00:00.000Z']) {
      const position = { createdAt: new Date(at), id: ID };
      expect(keysetCursor.decode(keysetCursor.encode(position))).toEqual(position);
    }
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['not an array', raw({ sort: 'a' })],
    ['the wrong tag', raw(['other', 'a', 1, '2030-01-01T00:00:00.000Z', ID])],
    ['a missing field', raw(['list', 'a', 1, '2030-01-01T00:00:00.000Z'])],
    ['an extra field', raw(['list', 'a', 1, '2030-01-01T00:00:00.000Z', ID, 'x'])],
    ['a value outside the set', raw(['list', 'c', 1, '2030-01-01T00:00:00.000Z', ID])],
    ['a rank out of range', raw(['list', 'a', 3, '2030-01-01T00:00:00.000Z', ID])],
    ['a rank written as text', raw(['list', 'a', '1', '2030-01-01T00:00:00.000Z', ID])],
    ['a fractional rank', raw(['list', 'a', 1.5, '2030-01-01T00:00:00.000Z', ID])],
    ['an implausible year', raw(['list', 'a', 1, '1999-12-31T23:59:59.000Z', ID])],
    ['an instant that is not a date', raw(['list', 'a', 1, 'soon', ID])],
    ['an instant written as a number', raw(['list', 'a', 1, 1893456000000, ID])],
    ['an id that is not a UUID', raw(['list', 'a', 1, '2030-01-01T00:00:00.000Z', 'x'])],
  ])('refuses %s', (_, cursor) => {
    expect(tagged.decode(cursor)).toBeNull();
    expect(() => tagged.parse(cursor)).toThrow(expect.objectContaining({ code: 'ValidationFailed' }));
  });

  it('parses an absent cursor as the first page', () => {
    expect(tagged.parse(undefined)).toBeUndefined();
  });
});
