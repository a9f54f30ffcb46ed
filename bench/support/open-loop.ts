/** How an open-loop run went: sends beyond the in-flight cap were dropped, and how far the generator fell behind. */
export interface OpenLoopRun { dropped: number; maxInFlight: number; maxLagMs: number; elapsedMs: number }

/**
 * Open loop: arrival k is due at start + k/rate whatever happened to the earlier ones, and `send` gets that due time
 * (performance.now() clock) to measure latency from, not from when it was actually sent. A closed loop (send, wait,
 * send) slows down with the server and never sends the requests a stall would have delayed (coordinated omission),
 * hiding exactly the latency a stall causes; here a late send (the generator itself behind) counts against the request
 * too. At most `maxInFlight` sends are outstanding: an arrival beyond that is not sent and goes to `drop`. `send` must
 * not reject (it records its own failures).
 */
export async function runOpenLoop(
  rate: number, total: number, maxInFlight: number,
  send: (k: number, dueMs: number) => Promise<void>, drop: (k: number) => void,
): Promise<OpenLoopRun> {
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let most = 0;
  let dropped = 0;
  let maxLagMs = 0;
  const start = performance.now();
  for (let k = 0; k < total; k += 1) {
    const due = start + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    if (inFlight >= maxInFlight) {
      dropped += 1;
      drop(k);
      continue;
    }
    inFlight += 1;
    most = Math.max(most, inFlight);
    pending.push(send(k, due).finally(() => { inFlight -= 1; }));
  }
  await Promise.all(pending);
  return { dropped, maxInFlight: most, maxLagMs, elapsedMs: performance.now() - start };
}
