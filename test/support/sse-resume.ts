import { readStack } from './stack';

export interface ResumedEvent { id?: string; event: string; data: any }

export interface ResumableStream {
  events: ResumedEvent[];
  /** Resolves once `accept` holds for the events received so far; rejects with what arrived when it never does. */
  until(accept: (events: ResumedEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  /** The id of the last event that carried one: what a browser's EventSource sends back as Last-Event-ID. */
  lastEventId(): string | undefined;
  close(): void;
}

/**
 * Opens GET /notifications/stream with the headers a reconnecting EventSource sends (Last-Event-ID), which the shared
 * reader (sse.ts) does not take; parses the id, event and data fields of each block and waits for `ready`.
 */
export async function openResumableStream(token: string, options: { lastEventId?: string; query?: string } = {}): Promise<ResumableStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(`${readStack().apiUrl}/notifications/stream${options.query ?? ''}`, { headers, signal: abort.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
  const events: ResumedEvent[] = [];
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
          const fields: Record<string, string> = {};
          for (const line of buffer.slice(0, end).split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
          }
          buffer = buffer.slice(end + 2);
          if (fields.data === undefined) continue;
          let data: unknown = fields.data;
          try { data = JSON.parse(fields.data); } catch { /* keep text */ }
          events.push({ id: fields.id, event: fields.event ?? 'message', data });
          for (const wake of waiters) wake();
        }
      }
    } catch { /* closed */ }
  })();
  const stream: ResumableStream = {
    events,
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
  await stream.until((all) => all.some((e) => e.event === 'ready'), 10_000);
  return stream;
}
