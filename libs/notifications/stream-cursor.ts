/** A transaction-id horizon read with the notifications: `xmin` the oldest transaction still running, `xmax` the next. */
export interface SnapshotHorizon { xmin: bigint; xmax: bigint }

/**
 * Where a notification stream stands. Ids come from a sequence, taken when a row is inserted, but rows become visible
 * when their transaction commits, and those orders differ: a check's transaction takes id 10 and commits after a hit's
 * transaction took 11 (in another process, or in this one). A reader that moved past 11 would never see 10.
 *
 * So the stream re-reads from a safe point: every id at or below it is delivered (or was before the stream began).
 * After each read, the ids delivered so far become safe once every transaction that was running at that read has
 * ended (the read's `xmax` is at or below a later read's `xmin`): only those could still commit a lower id. Until
 * then the ids above the safe point that were already delivered are skipped, not sent twice.
 */
export class StreamCursor {
  private safe: bigint;
  private readonly delivered = new Set<bigint>();
  private readonly pending: { upTo: bigint; horizon: bigint }[] = [];

  constructor(from: string) { this.safe = BigInt(from); }

  /** The query's lower bound (exclusive) and the ids above it not to send again. */
  get after(): string { return String(this.safe); }
  get skip(): string[] { return [...this.delivered].map(String); }

  /** The highest id delivered: the SSE event id a reconnecting client resumes from, as before. */
  get lastDelivered(): string {
    let last = this.safe;
    for (const id of this.delivered) if (id > last) last = id;
    return String(last);
  }

  /** Marks a read's rows delivered. */
  deliver(ids: string[]): void {
    for (const id of ids) this.delivered.add(BigInt(id));
  }

  /** After a read: remember its horizon, and move the safe point past what every older read's transactions settled. */
  settle(horizon: SnapshotHorizon): void {
    this.pending.push({ upTo: BigInt(this.lastDelivered), horizon: horizon.xmax });
    while (this.pending.length > 0 && this.pending[0].horizon <= horizon.xmin) {
      const { upTo } = this.pending.shift()!;
      if (upTo > this.safe) this.safe = upTo;
    }
    for (const id of this.delivered) if (id <= this.safe) this.delivered.delete(id);
  }
}
