export class ActionItemDto {
  id!: string;
  meetingId!: string | null;
  source!: string;
  conference!: string | null;
  owner!: string;
  description!: string;
  dueAt!: string;
  status!: string;
  closedNote!: string | null;
  closedBy!: string | null;
  closedAt!: string | null;
  owningAgency!: string;
  workflowId!: string;
  createdAt!: string;
}

export class ActionItemPageDto {
  items!: ActionItemDto[];
  nextCursor!: string | null;
}

export class ActionItemCreatedDto {
  id!: string;
  status!: string;
  dueAt!: string;
  workflowId!: string;
}
