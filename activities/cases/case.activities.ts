import { ApplicationFailure, log } from '@temporalio/activity';
import type { CaseActivities } from '../../libs/contracts/activities';
import { CaseCloseBlocked, CaseNotFound, CaseService } from '../../libs/cases/case.service';
import type {
  AppendRequest, AppendResult, CaseStatus, CloseRequest, CloseResult,
} from '../../libs/contracts/case-items';
import { CaseFailure } from '../../libs/contracts/failures';
import { isPermanentDataError, sqlStateOf } from '../../libs/db/sql-state';

/** The case service's refusals become failures the workflow does not retry. */
async function refusalsAsFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CaseNotFound) throw ApplicationFailure.nonRetryable(error.message, CaseFailure.NotFound);
    if (error instanceof CaseCloseBlocked) {
      throw ApplicationFailure.create({
        message: error.message, type: CaseFailure.CloseBlocked, nonRetryable: true, details: [error.blockers],
      });
    }
    throw error;
  }
}

/**
 * PostgreSQL data and constraint errors (SQLSTATE classes 22 and 23) will fail the same way on every retry; they end
 * the attempt for good so the case's update queue is not blocked behind an endless retry. Outages still retry.
 */
async function failFastOnBadData<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await refusalsAsFailures(work);
  } catch (error) {
    if (isPermanentDataError(error)) {
      throw ApplicationFailure.nonRetryable(`value refused by the database (${sqlStateOf(error)})`, CaseFailure.InvalidData);
    }
    throw error;
  }
}

export interface CaseActivityDeps { cases: CaseService }

/**
 * Thin adapters between the case workflow and the case service. Each one is idempotent: rows carry ids fixed before
 * the first attempt and audit entries carry a dedup key, so a retry changes nothing that already happened.
 */
export function createCaseActivities({ cases }: CaseActivityDeps): CaseActivities {
  return {
    async markCaseStatus(caseId: string, status: CaseStatus): Promise<void> {
      await refusalsAsFailures(() => cases.markStatus(caseId, status));
      log.info('case status changed', { caseId, status });
    },

    async appendCaseItems(caseId: string, request: AppendRequest): Promise<AppendResult> {
      return failFastOnBadData(() => cases.appendItems(caseId, request));
    },

    async closeCase(caseId: string, request: CloseRequest): Promise<CloseResult> {
      return failFastOnBadData(() => cases.close(caseId, request));
    },
  };
}
