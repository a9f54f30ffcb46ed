import { ApiProperty } from '@nestjs/swagger';

export class TraceFindingsDto {
  firstRetailDealer!: string | null;
  sourceState!: string | null;
  firstRetailSaleDate!: string | null;
  timeToCrimeDays!: number | null;
}

export class TraceHistoryEntryDto {
  at!: string;
  actor!: string;
  agency!: string | null;
  status!: string;
  action?: string;
  note?: string;
}

/** A trace request: the firearm's serial and the two agencies, with the tracing agency's result once completed. */
export class TraceDto {
  id!: string;
  seizureId!: string | null;
  caseId!: string | null;
  firearmId!: string | null;
  serialNumber!: string;
  priority!: string;
  status!: string;
  overdue!: boolean;
  requestingAgency!: string;
  tracingAgency!: string;
  requestedBy!: string;
  dueAt!: string;
  /** Set once the trace is COMPLETED. */
  @ApiProperty({ type: () => TraceFindingsDto, nullable: true })
  result!: TraceFindingsDto | null;
  unsuccessfulReason!: string | null;
  history!: TraceHistoryEntryDto[];
  createdAt!: string;
}

export class TraceListDto {
  items!: TraceDto[];
  nextCursor!: string | null;
}
