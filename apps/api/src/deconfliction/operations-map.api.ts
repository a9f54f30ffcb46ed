import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import type { AuthUser } from '../../../../libs/auth/roles';
import { fieldError } from '../common/api-error';

/** More than this in one window is not a map anyone can read: the caller is asked for a shorter window. */
export const MAX_MAP_OPERATIONS = 1000;

interface OperationRow {
  id: string; type: string; latitude: number; longitude: number; radius_meters: number; starts_at: Date; ends_at: Date;
  owning_agency: string; case_number: string; agent_name: string; agent_phone: string | null;
}
interface ConflictRow { id: string; status: string; a_item_id: string; b_item_id: string }

const SELECT_OPERATIONS = `
  SELECT o.id, o.type, o.latitude, o.longitude, o.radius_meters, o.starts_at, o.ends_at,
         c.owning_agency, c.case_number, u.full_name AS agent_name, u.phone AS agent_phone
  FROM case_operations o JOIN cases c ON c.id = o.case_id JOIN users u ON u.id = c.lead_agent_id`;

/**
 * The coordinator's map (issue 14): every agency's planned operations in a window, with whom to call and the
 * unresolved event conflicts between them. Pointers and places only (no title, subjects or other items of a case);
 * the read of other agencies' operations is audited like any cross-agency read.
 */
@Injectable()
export class OperationsMapApi {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditStore) {}

  async operations(user: AuthUser, from: string, to: string) {
    const rows: OperationRow[] = await this.dataSource.query(
      `${SELECT_OPERATIONS} WHERE o.starts_at < $2 AND o.ends_at > $1 AND c.status <> 'CLOSED'
       ORDER BY o.starts_at, o.id LIMIT $3`, [new Date(from), new Date(to), MAX_MAP_OPERATIONS + 1]);
    if (rows.length > MAX_MAP_OPERATIONS) {
      throw fieldError('to', `the window holds more than ${MAX_MAP_OPERATIONS} operations; choose a shorter one`,
        `el periodo contiene más de ${MAX_MAP_OPERATIONS} operativos; elija uno más corto`);
    }
    const ids = rows.map((r) => r.id);
    const conflicts: ConflictRow[] = ids.length === 0 ? [] : await this.dataSource.query(
      `SELECT id, status, a_item_id, b_item_id FROM deconfliction_hits
       WHERE match_type = 'EVENT' AND status <> 'RESOLVED' AND (a_item_id = ANY($1::uuid[]) OR b_item_id = ANY($1::uuid[]))
       ORDER BY created_at, id`, [ids]);
    // A conflict's other operation may lie just outside the window: it is shown too, so the pair is drawn whole.
    const known = new Set(ids);
    const partners = [...new Set(conflicts.flatMap((c) => [c.a_item_id, c.b_item_id]))].filter((id) => !known.has(id));
    const extra: OperationRow[] = partners.length === 0 ? [] : await this.dataSource.query(
      `${SELECT_OPERATIONS} WHERE o.id = ANY($1::uuid[]) ORDER BY o.starts_at, o.id`, [partners]);
    const all = [...rows, ...extra];
    const hitsOf = new Map<string, string[]>();
    for (const c of conflicts) {
      for (const op of [c.a_item_id, c.b_item_id]) hitsOf.set(op, [...(hitsOf.get(op) ?? []), c.id]);
    }
    await auditCrossAgencyRead(this.audit, user, { entityType: 'operation', ground: 'other_agency', list: true },
      all.map((r) => ({ id: r.id, agencies: [r.owning_agency] })));
    return {
      items: all.map((r) => ({
        id: r.id, agency: r.owning_agency, caseNumber: r.case_number, agentName: r.agent_name, agentPhone: r.agent_phone,
        type: r.type, latitude: Number(r.latitude), longitude: Number(r.longitude), radiusMeters: Number(r.radius_meters),
        startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), hitIds: hitsOf.get(r.id) ?? [],
      })),
      conflicts: conflicts.map((c) => ({ hitId: c.id, status: c.status, operationIds: [c.a_item_id, c.b_item_id] })),
    };
  }
}
