import { readStack } from './stack';

export interface StreamEvent { id?: string; event: string; data: any; receivedAt: number }

export interface EventStream {
  events: StreamEvent[];
  waitFor(accept: (e: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  /** Resolves once `accept` holds for the events received so far; rejects with what arrived when it never does. */
  until(accept: (events: StreamEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  /** The id of the last event that carried one: what a browser's EventSource sends back as Last-Event-ID. */
  lastEventId(): string | undefined;
  close(): void;
}

/**
 * Opens GET /notifications/stream as an SSE client would (fetch + reader), parsing id/event/data fields; with
 * `lastEventId`, as a reconnecting EventSource does; to the stack's API unless `baseUrl` names another.
 */
export async function openStream(token: string, query = '', lastEventId?: string, baseUrl = readStack().apiUrl): Promise<EventStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(`${baseUrl}/notifications/stream${query}`, { headers, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            const name = line.slice(0, colon);
            fields[name] = (fields[name] ? `${fields[name]}\n` : '') + line.slice(colon + 1).replace(/^ /, '');
          }
          if (fields.data === undefined) continue;
          let data: unknown = fields.data;
          try { data = JSON.parse(fields.data); } catch { /* keep text */ }
          events.push({ id: fields.id, event: fields.event ?? 'message', data, receivedAt: Date.now() });
          for (const wake of waiters) wake();
        }
      }
    } catch { /* closed */ }
  })();
  const stream: EventStream = {
    events,
    waitFor: (accept, timeoutMs = 15_000) => new Promise((resolve, reject) => {
      const check = () => {
        const found = events.find(accept);
        if (found) { waiters.delete(check); clearTimeout(timer); resolve(found); }
      };
      const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`)); }, timeoutMs);
      waiters.add(check);
      check();
    }),
    until: (accept, timeoutMs = 20_000) => new Promise((resolve, reject) => {
      const check = () => {
        if (!accept(events)) return;
        waiters.delete(check); clearTimeout(timer); resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`stream never got what was awaited within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => [e.id, e.event]))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    }),
    lastEventId: () => [...events].reverse().find((e) => e.id !== undefined)?.id,
    close: () => abort.abort(),
  };
  await stream.waitFor((e) => e.event === 'ready', 10_000);
  return stream;
}
