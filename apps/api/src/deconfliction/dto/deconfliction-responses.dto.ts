/** The other side of a hit: a pointer to whom to call, never the other record's contents. */
export class HitCounterpartDto {
  agency!: string;
  caseNumber!: string | null;
  agentName!: string;
  agentPhone!: string | null;
}

/** A hit as one side sees it: `matchedValue` is the reader's own value (api.md "Deconfliction"). */
export class HitViewDto {
  id!: string;
  matchType!: string;
  matchedValue!: string;
  score!: number;
  status!: string;
  resolution?: string;
  counterpart!: HitCounterpartDto;
  createdAt!: string;
}

export class HitViewListDto {
  items!: HitViewDto[];
}

export class HitPointerDto {
  agency!: string;
  caseNumber!: string | null;
  agentName!: string;
  agentPhone!: string | null;
  lookout!: boolean;
  seizure!: boolean;
  matchedValue!: string;
}

/** The watch desk's view: both pointers, the reason for the score and the resolution trail. */
export class CoordinatorHitDto {
  id!: string;
  matchType!: string;
  score!: number;
  reason!: string;
  urgent!: boolean;
  status!: string;
  resolution!: string | null;
  resolutionNote!: string | null;
  resolvedBy!: string | null;
  resolvedAt!: string | null;
  escalatedAt!: string | null;
  createdAt!: string;
  sides!: HitPointerDto[];
}

export class CoordinatorHitPageDto {
  items!: CoordinatorHitDto[];
  nextCursor!: string | null;
}

export class LookoutDto {
  id!: string;
  type!: string;
  value!: string;
  region!: string | null;
  note!: string | null;
  owner!: string;
  owningAgency!: string;
  expiresAt!: string | null;
  active!: boolean;
  createdAt!: string;
}

export class LookoutListDto {
  items!: LookoutDto[];
}
