import type { AuditStore } from './audit-store';

/** A record a response carried, with the agencies whose data it holds (a hit holds both of its sides' agencies). */
export interface ReadRecord {
  id: string;
  agencies: readonly string[];
}

export interface Reader {
  username: string;
  agency: string;
}

/**
 * How the reader came to see another agency's record: through a share granted to its agency (`shared`), or through a
 * role or a part it plays that spans agencies: the meeting team, leadership, the watch desk, the receiving side of a
 * referral, the tracing agency (`other_agency`). The action is `<entityType>.read_<ground>`.
 */
export type ReadGround = 'shared' | 'other_agency';

export interface ReadKind {
  entityType: string;
  ground: ReadGround;
  /** A list names no single entity: the entry's entityId stays null and its details list every foreign record. */
  list?: boolean;
}

/** The records that hold data of an agency other than the reader's, each with those agencies. */
export function foreignRecords(agency: string, records: readonly ReadRecord[]): ReadRecord[] {
  return records
    .map((r) => ({ id: r.id, agencies: [...new Set(r.agencies.filter((a) => a !== agency))].sort() }))
    .filter((r) => r.agencies.length > 0);
}

/**
 * Every read of another agency's data is audited, lists included: one entry per request naming the other agencies'
 * records it returned, and none when it returned only the reader's own agency's. The one place that decides it, so
 * each read path only says which records it is about to return.
 */
export async function auditCrossAgencyRead(
  audit: AuditStore, reader: Reader, kind: ReadKind, records: readonly ReadRecord[],
): Promise<void> {
  const foreign = foreignRecords(reader.agency, records);
  if (foreign.length === 0) return;
  await audit.append({
    actor: reader.username,
    agency: reader.agency,
    action: `${kind.entityType}.read_${kind.ground}`,
    entityType: kind.entityType,
    entityId: kind.list ? null : foreign[0].id,
    details: { records: foreign, ...(kind.list ? { returned: records.length } : {}) },
  });
}
