import { advance, compact, encodeReadPoint, parseReadPoint, parseSnapshot, plainPoint, ReadPoint, SeenTransactions } from './read-point';

const seen = (xmin: number, xmax: number, running: number[] = []): SeenTransactions =>
  ({ xmin: BigInt(xmin), xmax: BigInt(xmax), running: running.map(BigInt) });
const point = (lastId: number, snapshot: SeenTransactions | null, alsoGiven: number[] = []): ReadPoint =>
  ({ lastId: BigInt(lastId), seen: snapshot, alsoGiven: alsoGiven.map(BigInt) });
const rows = (...ids: number[]) => ids.map((id) => ({ id: BigInt(id) }));
const encoded = (result: { after: { point: ReadPoint }[]; point: ReadPoint }) =>
  [...result.after.map((a) => encodeReadPoint(a.point)), encodeReadPoint(result.point)];

describe('ReadPoint', () => {
  it('round-trips a cursor, and reads a plain id as a point without a snapshot', () => {
    const p = point(11, seen(500, 503, [500, 502]), [9]);
    expect(encodeReadPoint(p)).toBe('n1.11.500.503.500-502.9');
    expect(parseReadPoint('n1.11.500.503.500-502.9')).toEqual(p);
    expect(parseReadPoint('42')).toEqual(plainPoint(42n));
    expect(encodeReadPoint(plainPoint(42n))).toBe('42');
  });

  it.each([
    ['a running transaction at or past xmax', 'n1.11.500.503.503.'],
    ['running transactions out of order', 'n1.11.500.503.502-501.'],
    ['xmin after xmax', 'n1.11.504.503..'],
    ['a given row above the last id', 'n1.11.500.503..12'],
    ['no version', '11.500.503..'],
    ['a time', '2026-01-01T00:00:00Z'],
  ])('refuses %s', (_name, text) => {
    expect(parseReadPoint(text)).toBeNull();
  });

  it('reads pg_current_snapshot() text, forgetting the newest running transactions past 64', () => {
    expect(parseSnapshot('500:503:500,502')).toEqual(seen(500, 503, [500, 502]));
    expect(parseSnapshot('7:7:')).toEqual(seen(7, 7));
    const many = Array.from({ length: 70 }, (_, i) => 1000 + 2 * i);
    // The 65th running one becomes xmax: it and all after count as unseen (read again, never skipped).
    expect(compact(seen(1000, 2000, many))).toEqual(seen(1000, 1128, many.slice(0, 64)));
  });

  it('moves a plain id onto the snapshot of the first read, new rows one by one', () => {
    const result = advance(plainPoint(9n), rows(10, 12), seen(600, 601), true);
    expect(encoded(result)).toEqual(['n1.10.600.601..', 'n1.12.600.601..', 'n1.12.600.601..']);
  });

  it('lists late rows until the last of them, then takes the new snapshot', () => {
    // Read 1 gave 11 while transaction 500 (holding 10) ran; read 2 sees 10 (late) and 13, 14 (new).
    const from = point(11, seen(500, 502, [500]));
    const result = advance(from, rows(8, 10, 13), seen(503, 503), true);
    expect(encoded(result)).toEqual([
      'n1.11.500.502.500.8', 'n1.11.503.503..', 'n1.13.503.503..', 'n1.13.503.503..',
    ]);
  });

  it('keeps the old snapshot when a page ends inside the late rows', () => {
    const from = point(11, seen(500, 502, [500]), [3]);
    const result = advance(from, rows(8, 10), seen(503, 503), false);
    expect(encoded(result)).toEqual(['n1.11.500.502.500.3-8', 'n1.11.500.502.500.3-8-10', 'n1.11.500.502.500.3-8-10']);
  });

  it('takes the new snapshot after an empty read, so the cursor does not keep old running transactions', () => {
    expect(encodeReadPoint(advance(point(11, seen(500, 502, [500])), [], seen(510, 512, [511]), true).point))
      .toBe('n1.11.510.512.511.');
  });
});
