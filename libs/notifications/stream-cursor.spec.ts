import { StreamCursor } from './stream-cursor';

const horizon = (xmin: number, xmax: number) => ({ xmin: BigInt(xmin), xmax: BigInt(xmax) });

describe('StreamCursor', () => {
  it('keeps re-reading below a delivered id while a transaction that was running at the read may still commit', () => {
    const cursor = new StreamCursor('9');
    // Read 1 sees id 11; transaction 500 (holding id 10) is still running: xmin 500, next xid 502.
    cursor.deliver(['11']);
    cursor.settle(horizon(500, 502));
    expect([cursor.after, cursor.skip, cursor.lastDelivered]).toEqual(['9', ['11'], '11']);
    // Read 2, after 500 committed: id 10 is found above the safe point; 11 is skipped, not sent again.
    cursor.deliver(['10']);
    cursor.settle(horizon(502, 503));
    expect([cursor.after, cursor.skip, cursor.lastDelivered]).toEqual(['11', [], '11']);
  });

  it.each([
    ['no transaction running: safe at once', horizon(700, 700), '12', []],
    ['one still running: not safe yet', horizon(699, 701), '9', ['12']],
  ])('%s', (_name, seen, after, skip) => {
    const cursor = new StreamCursor('9');
    cursor.deliver(['12']);
    cursor.settle(seen);
    expect([cursor.after, cursor.skip]).toEqual([after, skip]);
  });

  it('moves the safe point only as far as the reads whose transactions all ended', () => {
    const cursor = new StreamCursor('0');
    cursor.deliver(['5']);
    cursor.settle(horizon(100, 110));
    cursor.deliver(['8']);
    cursor.settle(horizon(105, 120));
    expect(cursor.after).toBe('0');
    cursor.settle(horizon(110, 120));
    expect([cursor.after, cursor.skip]).toEqual(['5', ['8']]);
    cursor.settle(horizon(120, 121));
    expect([cursor.after, cursor.skip, cursor.lastDelivered]).toEqual(['8', [], '8']);
  });

  it('reports the starting point before anything is delivered', () => {
    expect(new StreamCursor('42').lastDelivered).toBe('42');
  });
});
