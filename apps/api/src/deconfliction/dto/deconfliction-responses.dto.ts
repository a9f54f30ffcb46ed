import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The other side of a hit: a pointer to whom to call, never the other record's contents. */
export class HitCounterpartDto {
  agency!: string;
  caseNumber!: string | null;
  agentName!: string;
  agentPhone!: string | null;
  /** Only when the other side is a seizure (issue 16): the seizure to ask about; agentName/agentPhone are its contact. */
  seizureId?: string;
  /** Only when the other side is a seizure: the agency of the contact named (the seizing agency without one). */
  contactAgency?: string;
}

/** A hit as one side sees it: `matchedValue` is the reader's own value (api.md "Deconfliction"). */
export class HitViewDto {
  id!: string;
  matchType!: string;
  matchedValue!: string;
  score!: number;
  /** Person hits: CONFIRMED or PROBABLE (POSSIBLE when a coordinator promoted a review item). */
  @ApiPropertyOptional({ enum: ['CONFIRMED', 'PROBABLE', 'POSSIBLE'] })
  tier?: string;
  /**
   * How the values met, in the reader's language (Accept-Language: es): the desk's reason without the other side's
   * spellings, distinctive words, readable serial part, or an operation's distance, radius and window.
   */
  reason!: string;
  status!: string;
  resolution?: string;
  counterpart!: HitCounterpartDto;
  /** Person and organization hits where an alias or moniker met (issue 21): which of the reader's own names matched. */
  @ApiPropertyOptional({ enum: ['LEGAL', 'ALIAS', 'MONIKER'] })
  matchedForm?: string;
  /** With `matchedForm`: which of the other side's names matched (the form only, never the value). */
  @ApiPropertyOptional({ enum: ['LEGAL', 'ALIAS', 'MONIKER'] })
  counterpartForm?: string;
  createdAt!: string;
}

export class HitViewListDto {
  items!: HitViewDto[];
}

export class HitPointerDto {
  /** The side's case (null for a lookout or a seizure): what DEFER's `deferringCaseId` names (issue 17). */
  caseId!: string | null;
  agency!: string;
  caseNumber!: string | null;
  agentName!: string;
  agentPhone!: string | null;
  lookout!: boolean;
  seizure!: boolean;
  matchedValue!: string;
  /** Only on a seizure's side: the seizure and its contact's agency (HitCounterpartDto). */
  seizureId?: string;
  contactAgency?: string;
}

/** The coordinator who holds a hit (issue 17). */
export class HitHolderDto {
  username!: string;
  fullName!: string;
  claimedAt!: string;
}

/** The watch desk's view: both pointers, the reason for the score and the resolution trail. */
export class CoordinatorHitDto {
  id!: string;
  matchType!: string;
  score!: number;
  /** Person hits: the tier (issue 16); null for other kinds. */
  tier!: string | null;
  /** In Spanish with Accept-Language: es (libs/deconfliction writes every kind's reason in both). */
  reason!: string;
  urgent!: boolean;
  status!: string;
  resolution!: string | null;
  resolutionNote!: string | null;
  resolvedBy!: string | null;
  resolvedAt!: string | null;
  escalatedAt!: string | null;
  /** An open hit: when its escalation timer runs out. */
  escalatesAt!: string | null;
  /** An event conflict: when the earlier of the two operations starts. */
  eventStartsAt!: string | null;
  /** An open hit: milliseconds left before it escalates, as of the answer (0 once due). */
  timeLeftMs!: number | null;
  /** Who has claimed the hit; null when no one holds it. */
  holder!: HitHolderDto | null;
  createdAt!: string;
  sides!: HitPointerDto[];
  /** DEFER: the case that defers to the other (issue 17). */
  deferringCaseId!: string | null;
  /** The last reopening: the escalation clock started again then. */
  reopenedAt!: string | null;
  reopenedBy!: string | null;
  reopenReason!: string | null;
}

export class CoordinatorHitPageDto {
  items!: CoordinatorHitDto[];
  nextCursor!: string | null;
}

export class CheckCounterpartDto {
  agency!: string;
  caseNumber!: string | null;
  agentName!: string | null;
  agentPhone!: string | null;
}

/** One match of a check: the checker's own value and a pointer to whom to call. */
export class CheckMatchDto {
  matchType!: string;
  /** Person matches: CONFIRMED, PROBABLE or POSSIBLE (a check grades them as deconfliction would). */
  @ApiPropertyOptional({ enum: ['CONFIRMED', 'PROBABLE', 'POSSIBLE'] })
  tier?: string;
  matchedValue!: string;
  counterpart!: CheckCounterpartDto;
}

/**
 * A checked person whose name alone meets more stored persons than PERSON_POSSIBLE_MAX, or a checked obliterated serial
 * whose readable part meets more stored serials than SERIAL_PARTIAL_MAX: counts, never a pointer.
 */
export class CheckAmbiguousDto {
  @ApiProperty({ enum: ['PERSON', 'FIREARM_SERIAL'] })
  matchType!: 'PERSON' | 'FIREARM_SERIAL';
  /** Persons only. */
  @ApiPropertyOptional({ enum: ['POSSIBLE'] })
  tier?: 'POSSIBLE';
  matchedValue!: string;
  candidates!: number;
  cases!: number;
  agencies!: string[];
  /** The count stopped at PERSON_CHECK_COUNT_CAP: `candidates` and `cases` are lower bounds. */
  atLeast!: boolean;
  /** In the reader's language (Accept-Language): how many, where, and that a DOB or an identifier would decide it. */
  reason!: string;
}

export class CheckAnswerDto {
  matches!: CheckMatchDto[];
  /** Present only when a checked name was too common, or a readable part met too many serials, to answer one by one. */
  @ApiPropertyOptional({ type: [CheckAmbiguousDto] })
  ambiguous?: CheckAmbiguousDto[];
}

export class CheckerDto {
  agency!: string;
  agentName!: string;
  agentPhone!: string | null;
}

export class CheckOwnerPointerDto {
  agency!: string;
  caseNumber!: string | null;
  lookout!: boolean;
  agentName!: string;
  agentPhone!: string | null;
}

export class CheckListMatchDto {
  matchType!: string;
  owner!: CheckOwnerPointerDto;
}

/** A check the agency made (with what it charged) or another agency's check that met its items (pointers only). */
export class CheckRecordDto {
  id!: string;
  direction!: 'MADE' | 'RECEIVED';
  checkedAt!: string;
  checker!: CheckerDto;
  /** Values charged per identifier type; only on the agency's own checks. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' } })
  counts?: Record<string, number>;
  matches!: CheckListMatchDto[];
}

export class CheckPageDto {
  items!: CheckRecordDto[];
  nextCursor!: string | null;
}

/** A planned operation on the coordinator's map: where, when, whose, whom to call, and its open event conflicts. */
export class MapOperationDto {
  id!: string;
  agency!: string;
  caseNumber!: string;
  agentName!: string;
  agentPhone!: string | null;
  type!: string;
  latitude!: number;
  longitude!: number;
  radiusMeters!: number;
  startsAt!: string;
  endsAt!: string;
  /** Unresolved EVENT hits this operation is in. */
  hitIds!: string[];
}

/** An unresolved event conflict: the hit and its two operations. */
export class MapConflictDto {
  hitId!: string;
  status!: string;
  operationIds!: string[];
}

export class OperationsMapDto {
  items!: MapOperationDto[];
  conflicts!: MapConflictDto[];
}
