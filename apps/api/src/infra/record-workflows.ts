import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type WorkflowStarts, workflowStart } from '../../../../libs/contracts/workflows';
import { RECORD_TABLES, RecordWorkflowType, WorkflowStartMarks } from '../../../../libs/db/pending-workflow-starts';
import { TemporalService } from './temporal.service';

/**
 * Starts the workflow of a record just committed (a case, a seizure, a trace). When Temporal cannot be reached the
 * record is still accepted: the worker's relay starts every record whose start was not marked, so none is left
 * without its workflow (libs/db/pending-workflow-starts.ts says why meetings and action items are not started here).
 */
@Injectable()
export class RecordWorkflows implements BeforeApplicationShutdown {
  private readonly logger = new Logger('workflows');
  private readonly marks: WorkflowStartMarks;

  constructor(private readonly temporal: TemporalService, dataSource: DataSource) {
    this.marks = new WorkflowStartMarks(dataSource, (error) =>
      this.logger.warn({ err: String(error) }, 'workflow start marks not written; the relay will mark them'));
  }

  async start<T extends RecordWorkflowType>(workflowType: T, recordId: string, input: WorkflowStarts[T]): Promise<void> {
    const start = workflowStart(workflowType, input);
    try {
      await this.temporal.startWorkflow(start);
      this.marks.mark(RECORD_TABLES[workflowType], recordId);
    } catch (error) {
      this.logger.warn({ workflowId: start.workflowId, err: String(error) }, 'workflow start deferred to the relay');
    }
  }

  /** Before the pool closes (onApplicationShutdown), so the last marks are written. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.marks.flush();
  }
}
