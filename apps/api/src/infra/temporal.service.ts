import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  Client, Connection, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../../../libs/temporal-codec/aes-gcm-codec';
import { encryptingDataConverter } from '../../../../libs/temporal-codec/data-converter';
import type { CaseWorkflowState } from '../../../../libs/contracts/case-items';
import type { AppConfig } from '../../../../libs/config/config';
import { temporalChannelArgs } from '../../../../libs/config/temporal-channel';
import { WorkflowFailure } from '../../../../libs/contracts/failures';
import { caseWorkflowId, type WorkflowStart } from '../../../../libs/contracts/workflows';
import { caseStateQuery } from '../../../../libs/contracts/messages/case';
import type { Message } from '../../../../libs/http/problem';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { APP_CONFIG } from './tokens';

/** A business failure raised inside a workflow, surfaced with its type so services can map it. */
export class WorkflowRejection extends Error {
  constructor(readonly type: string, message: string, readonly details: unknown[]) { super(message); }
}

/** 503: the update's outcome is not known yet; a retry under the same Idempotency-Key (so the same update id) gets it. */
const outcomeUnknown = (message: Message): ApiError =>
  new ApiError('Unavailable', message, {}, { headers: { 'retry-after': '5' } });

@Injectable()
export class TemporalService implements OnApplicationShutdown {
  private readonly connection: Connection;
  readonly client: Client;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, codec: AesGcmPayloadCodec) {
    // Lazy: the API serves (and reports 503 on /health) while Temporal is still starting or away.
    this.connection = Connection.lazy({ address: config.temporalAddress, channelArgs: temporalChannelArgs });
    this.client = new Client({
      connection: this.connection, namespace: config.temporalNamespace, dataConverter: encryptingDataConverter(codec),
    });
  }

  /**
   * Starts a workflow (typed by libs/contracts/workflows.ts); bounded, because the caller either has the worker's
   * relay to cover a start that fails or answers 503 (see libs/db/pending-workflow-starts.ts). A start already made
   * (same workflow id) counts as done.
   */
  async startWorkflow({ workflowType, workflowId, input }: WorkflowStart): Promise<void> {
    try {
      await this.connection.withDeadline(Date.now() + 3000, () => this.client.workflow.start(workflowType, {
        taskQueue: this.config.taskQueue, workflowId, args: [input],
      }));
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async caseState(caseId: string): Promise<CaseWorkflowState> {
    return this.client.workflow.getHandle(caseWorkflowId(caseId)).query(caseStateQuery);
  }

  /**
   * Runs a workflow update under a fixed update id: asking again with the same id (a retried request) returns the
   * first outcome instead of applying the change twice.
   */
  async executeUpdate<Ret, Arg>(
    workflowId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId: string,
  ): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(outcomeUnknown(M.updatePending)), this.config.updateWaitMs);
    });
    try {
      return await Promise.race([handle.executeUpdate(update, { args: [arg], updateId }), timeout]);
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        // A failure raised in an activity arrives wrapped in an ActivityFailure.
        const failure = error.cause instanceof ActivityFailure ? error.cause.cause : error.cause;
        if (failure instanceof ApplicationFailure) {
          throw new WorkflowRejection(failure.type ?? 'UNKNOWN', failure.message, failure.details ?? []);
        }
      }
      if (error instanceof WorkflowNotFoundError) throw new WorkflowRejection(WorkflowFailure.NotFound, error.message, []);
      // The server gave up on the call (its own storage slow or away) or cancelled it: the update may or may not
      // have been admitted.
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) throw outcomeUnknown(M.updateUnconfirmed);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async healthy(): Promise<boolean> {
    try {
      await this.connection.withDeadline(Date.now() + 2000, () =>
        this.connection.workflowService.getSystemInfo({}));
      return true;
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
