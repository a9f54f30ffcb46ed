import { currentLanguage, currentToken } from './api-client';

export interface NotificationEvent {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  payload: Record<string, unknown>;
  createdAt?: string;
}

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'ended';

interface StreamHandlers {
  onNotification: (event: NotificationEvent) => void;
  onStatus: (status: StreamStatus) => void;
  /** The API ended the stream because the session ended (logout elsewhere, expiry, revocation). */
  onSessionEnded: (reason: string) => void;
}

/**
 * `/notifications/stream` read with fetch, because EventSource cannot send the bearer token. It reconnects by itself
 * (backing off to 10 s) and resumes with Last-Event-ID, so what arrived while it was away is delivered on return.
 */
export function openNotificationStream(handlers: StreamHandlers): () => void {
  let lastEventId: string | undefined;
  let stopped = false;
  let controller: AbortController | undefined;
  let delay = 500;

  const run = async (): Promise<void> => {
    while (!stopped) {
      controller = new AbortController();
      handlers.onStatus(lastEventId === undefined ? 'connecting' : 'reconnecting');
      try {
        const token = currentToken();
        if (!token) return;
        const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}`, 'Accept-Language': currentLanguage() };
        if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch('/notifications/stream', { headers, signal: controller.signal });
        if (response.status === 401) { handlers.onSessionEnded('unauthorized'); return; }
        if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
        const ended = await readEvents(response.body, (type, id, data) => {
          if (id !== undefined) lastEventId = id;
          if (type === 'ready' || type === 'heartbeat') { handlers.onStatus('live'); delay = 500; return false; }
          if (type === 'session-ended') { handlers.onSessionEnded(String((data as { reason?: string })?.reason ?? '')); return true; }
          handlers.onNotification(data as NotificationEvent);
          return false;
        });
        if (ended) { handlers.onStatus('ended'); return; }
      } catch {
        if (stopped) return;
      }
      handlers.onStatus('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  void run();
  return () => { stopped = true; controller?.abort(); };
}

/** Parses the SSE wire format; `onEvent` returns true to stop reading. Resolves true when stopped by the handler. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (type: string, id: string | undefined, data: unknown) => boolean): Promise<boolean> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += value;
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let type = 'message';
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('id:')) id = line.slice(3).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      let parsed: unknown = data.join('\n');
      try { parsed = JSON.parse(parsed as string); } catch { /* plain text data */ }
      if (onEvent(type, id, parsed)) { await reader.cancel(); return true; }
    }
  }
}
