import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditStore } from '../../libs/audit/audit-store';
import { createDataSource } from '../../libs/db/data-source';
import { assertDefined, query, queryOne } from '../../libs/db/sql';
import { NotificationStore } from '../../libs/notifications/notification-store';
import { uniqueWord } from '../support/http';
import { readStack } from '../support/stack';

/**
 * Lib service specs run the use cases on the test stack's PostgreSQL as the API and worker do (the application role),
 * without HTTP or Temporal in between: what one call commits (records, audit entries, notifications) is read back.
 */
export function serviceDataSource(name: string): DataSource {
  return createDataSource({ url: readStack().databaseUrl, asAppRole: true, poolSize: 3, applicationName: `service-spec-${name}` });
}

export const stores = (dataSource: DataSource) => ({ audit: new AuditStore(dataSource), notifications: new NotificationStore(dataSource) });

export async function userId(dataSource: DataSource, username: string): Promise<string> {
  return assertDefined(await queryOne<{ id: string }>(dataSource, 'SELECT id FROM users WHERE username = $1', [username]), username).id;
}

/** Users of an agency holding a role, as the services pick recipients (read at assertion time: other specs add users). */
export async function usersWith(dataSource: DataSource, agency: string | null, role: string): Promise<string[]> {
  const rows = await query<{ id: string }>(dataSource,
    'SELECT id FROM users WHERE ($1::text IS NULL OR agency_code = $1) AND $2 = ANY(roles)', [agency, role]);
  return rows.map((r) => r.id);
}

export interface TestCase {
  agency: string; lead: string; flags?: Record<string, unknown>; firearms?: string[];
  identifiers?: { type: string; value: string }[];
}

/**
 * A case as intake leaves it, written straight to the tables. Its workflow counts as started, so the worker's relay
 * leaves it alone and only the service under test touches it.
 */
export async function insertCase(dataSource: DataSource, c: TestCase): Promise<{ caseId: string; firearmIds: string[]; identifierIds: string[] }> {
  const caseId = randomUUID();
  const lead = await userId(dataSource, c.lead);
  const firearmIds = (c.firearms ?? []).map(() => randomUUID());
  const identifierIds = (c.identifiers ?? []).map(() => randomUUID());
  await dataSource.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO cases (id, case_number, owning_agency, lead_agent_id, title, category, flags, status, workflow_id,
         workflow_started_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'service spec', 'OTHER', $5, 'ACTIVE', $6, now(), now(), now())`,
      [caseId, `SPEC-${uniqueWord(10)}`, c.agency, lead, JSON.stringify(c.flags ?? {}), `case-${caseId}`]);
    for (const [i, serial] of (c.firearms ?? []).entries()) {
      await tx.query('INSERT INTO case_firearms (id, case_id, serial_number, created_at) VALUES ($1, $2, $3, now())',
        [firearmIds[i], caseId, serial]);
    }
    for (const [i, identifier] of (c.identifiers ?? []).entries()) {
      await tx.query('INSERT INTO case_identifiers (id, case_id, type, value, created_at) VALUES ($1, $2, $3, $4, now())',
        [identifierIds[i], caseId, identifier.type, identifier.value]);
    }
  });
  return { caseId, firearmIds, identifierIds };
}

export async function count(dataSource: DataSource, sql: string, params: unknown[]): Promise<number> {
  return Number(assertDefined(await queryOne<{ n: string | number }>(dataSource, sql, params), sql).n);
}

/** Audit actions written for an entity, in chain order. */
export async function auditActions(dataSource: DataSource, entityId: string): Promise<string[]> {
  const rows = await query<{ action: string }>(dataSource, 'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [entityId]);
  return rows.map((r) => r.action);
}

/** Recipients of notifications of one kind about an entity, sorted. */
export async function notified(dataSource: DataSource, entityId: string, kind: string): Promise<string[]> {
  const rows = await query<{ user_id: string }>(dataSource,
    'SELECT user_id FROM notifications WHERE entity_id = $1 AND kind = $2 ORDER BY user_id', [entityId, kind]);
  return rows.map((r) => r.user_id);
}

export const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();
