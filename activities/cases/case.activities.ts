import { ApplicationFailure, log } from '@temporalio/activity';
import type { CaseActivities } from '../../libs/contracts/activities';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../libs/audit/audit-store';
import { CaseStore } from '../../libs/cases/case-store';
import type {
  AppendRequest, AppendResult, CaseStatus, CloseRequest, CloseResult,
} from '../../libs/contracts/case-items';
import { CaseFailure } from '../../libs/contracts/failures';
import { isPermanentDataError, sqlStateOf } from '../../libs/db/sql-state';

/**
 * PostgreSQL data and constraint errors (SQLSTATE classes 22 and 23) will fail the same way on every retry; they end
 * the attempt for good so the case's update queue is not blocked behind an endless retry. Outages still retry.
 */
async function failFastOnBadData<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPermanentDataError(error)) {
      throw ApplicationFailure.nonRetryable(`value refused by the database (${sqlStateOf(error)})`, CaseFailure.InvalidData);
    }
    throw error;
  }
}

export interface CaseActivityDeps { dataSource: DataSource; cases: CaseStore; audit: AuditStore }

/**
 * Thin adapters between the case workflow and PostgreSQL. Each one is idempotent: rows carry ids fixed before the
 * first attempt and audit entries carry a dedup key, so a retry changes nothing that already happened.
 */
export function createCaseActivities({ dataSource, cases, audit }: CaseActivityDeps): CaseActivities {
  return {
    async markCaseStatus(caseId: string, status: CaseStatus): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const record = await cases.findById(caseId, tx);
        if (!record) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, CaseFailure.NotFound);
        const updated = await cases.setStatus(tx, caseId, status, new Date());
        if (!updated) return;
        await audit.append({
          actor: 'system', agency: record.owningAgency, action: 'case.status_changed', entityType: 'case',
          entityId: caseId, details: { status }, dedupKey: `case:${caseId}:status:${status}`,
        }, tx);
      });
      log.info('case status changed', { caseId, status });
    },

    async appendCaseItems(caseId: string, request: AppendRequest): Promise<AppendResult> {
      const { append, actor } = request;
      const itemIds = append.items.map((item) => item.id);
      await failFastOnBadData(() => dataSource.transaction(async (tx) => {
        await cases.insertItems(tx, caseId, append, new Date());
        await audit.append({
          actor: actor.username, agency: actor.agency, action: `case.${append.kind}_added`, entityType: 'case',
          entityId: caseId, details: { count: itemIds.length, itemIds },
          dedupKey: `case:${caseId}:append:${itemIds[0]}`,
        }, tx);
      }));
      return { caseId, kind: append.kind, added: itemIds.length, itemIds };
    },

    async closeCase(caseId: string, request: CloseRequest): Promise<CloseResult> {
      const closedAt = new Date();
      return failFastOnBadData(() => dataSource.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
        const record = await cases.findById(caseId, tx);
        if (!record) throw ApplicationFailure.nonRetryable(`case ${caseId} not found`, CaseFailure.NotFound);
        if (record.status === 'CLOSED') {
          return { caseId, status: 'CLOSED', outcome: record.outcome ?? request.outcome, closedAt: (record.closedAt ?? closedAt).toISOString() };
        }
        const blockers = await cases.closeBlockers(caseId, tx);
        if (blockers.length > 0) {
          throw ApplicationFailure.create({
            message: `the case cannot close while ${blockers.join('; ')}`,
            type: CaseFailure.CloseBlocked, nonRetryable: true, details: [blockers],
          });
        }
        await cases.close(tx, caseId, request.outcome, request.result ?? null, closedAt);
        await audit.append({
          actor: request.actor.username, agency: request.actor.agency, action: 'case.closed', entityType: 'case',
          entityId: caseId, details: { outcome: request.outcome, result: request.result ?? null }, dedupKey: `case:${caseId}:closed`,
        }, tx);
        return { caseId, status: 'CLOSED', outcome: request.outcome, result: request.result ?? null, closedAt: closedAt.toISOString() } as CloseResult;
      }));
    },
  };
}
