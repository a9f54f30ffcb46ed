import { ApplicationFailure, log } from '@temporalio/activity';
import type { CaseActivities } from '../../libs/contracts/activities';
import { tracesOwnFirearms } from '../../libs/cases/case-edit-rules';
import { CaseCloseBlocked, CaseIsClosed, CaseNotFound, CaseService } from '../../libs/cases/case.service';
import type {
  AppendRequest, AppendResult, CaseStatus, CloseRequest, CloseResult, EditRequest, EditResult, SubjectDobRequest, SubjectDobResult,
} from '../../libs/contracts/case-items';
import type { TraceStart } from '../../libs/contracts/seizures';
import { CaseFailure } from '../../libs/contracts/failures';
import { isPermanentDataError, sqlStateOf } from '../../libs/db/sql-state';
import type { TraceService } from '../../libs/seizures/trace.service';

/** The case service's refusals become failures the workflow does not retry. */
async function refusalsAsFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CaseNotFound) throw ApplicationFailure.nonRetryable(error.message, CaseFailure.NotFound);
    if (error instanceof CaseIsClosed) throw ApplicationFailure.nonRetryable(error.message, CaseFailure.Closed);
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

export interface CaseActivityDeps { cases: CaseService; traces: TraceService }

/**
 * Thin adapters between the case workflow and the case service. Each one is idempotent: rows carry ids fixed before
 * the first attempt and audit entries carry a dedup key, so a retry changes nothing that already happened.
 */
export function createCaseActivities({ cases, traces }: CaseActivityDeps): CaseActivities {
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

    async editCase(caseId: string, request: EditRequest): Promise<EditResult> {
      const result = await failFastOnBadData(() => cases.edit(caseId, request));
      log.info('case edited', { caseId, changed: result.changed });
      return result;
    },

    async setSubjectDateOfBirth(caseId: string, request: SubjectDobRequest): Promise<SubjectDobResult> {
      const result = await failFastOnBadData(() => cases.setSubjectDateOfBirth(caseId, request));
      log.info('subject date of birth set', { caseId, subjectId: request.subjectId, changed: result.changed });
      return result;
    },

    /** Answers every trace of the case when it traces its own firearms (trace ids derive from the firearm). */
    async traceOwnCaseFirearms(caseId: string): Promise<TraceStart[]> {
      const record = await cases.findById(caseId);
      // Most cases are no domestic sale: the tracing agency is read only for one that may trace itself.
      if (!record || record.status === 'CLOSED' || !record.flags.domesticSale) return [];
      if (!tracesOwnFirearms(record.flags, record.owningAgency, await traces.tracingAgency())) return [];
      const started = await traces.ensureCaseFirearmTraces(caseId);
      log.info('own case firearms traced', { caseId, traces: started.length });
      return started;
    },
  };
}
