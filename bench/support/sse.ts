/**
 * A minimal Server-Sent Events reader over fetch (EventSource cannot send an Authorization header). Every event is
 * kept with the moment its bytes arrived, so a waiter that starts late still gets the arrival time, not its own.
 */
export interface SseEvent { id: string | null; event: string; data: string; receivedAt: number }

export class SseStream {
  readonly events: SseEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();
  private closed: Promise<void> = Promise.resolve();

  static async open(url: string, token: string): Promise<SseStream> {
    const stream = new SseStream();
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: stream.abort.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`SSE ${url}: ${response.status}`);
    stream.closed = stream.read(response.body.getReader());
    await stream.waitFor((e) => e.event === 'ready', 10_000);
    return stream;
  }

  /** The first event (already received or still to come) that satisfies `match`, or null after the timeout. */
  async waitFor(match: (e: SseEvent) => boolean, timeoutMs: number): Promise<SseEvent | null> {
    const seen = this.events.find(match);
    if (seen) return seen;
    return new Promise((resolve) => {
      const check = () => {
        const found = this.events.find(match);
        if (found) { clearTimeout(timer); this.waiters.delete(check); resolve(found); }
      };
      const timer = setTimeout(() => { this.waiters.delete(check); resolve(null); }, timeoutMs);
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.closed.catch(() => undefined);
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const receivedAt = performance.now();
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(buffer.slice(0, end), receivedAt);
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private dispatch(block: string, receivedAt: number): void {
    const event: SseEvent = { id: null, event: 'message', data: '', receivedAt };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon === 0) continue;
      const [field, value] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
      if (field === 'id') event.id = value;
      else if (field === 'event') event.event = value;
      else if (field === 'data') data.push(value);
    }
    event.data = data.join('\n');
    this.events.push(event);
    for (const wake of [...this.waiters]) wake();
  }
}
