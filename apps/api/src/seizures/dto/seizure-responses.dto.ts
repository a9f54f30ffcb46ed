import { ApiProperty } from '@nestjs/swagger';

export class SeizureLocationDto {
  latitude!: number;
  longitude!: number;
  description!: string | null;
}

export class SeizureFirearmViewDto {
  id!: string;
  serialNumber!: string;
  serialObliterated!: boolean;
  obliterationNotes!: string | null;
  make!: string | null;
  model!: string | null;
  importer!: string | null;
  caliber!: string | null;
  caliberClass!: string | null;
  action!: string | null;
  /** Null when no caliber was given. */
  caliberRecognized!: boolean | null;
}

/** Stored as sent (the request DTO's fields), so an optional field may come back null. */
export class ArresteeViewDto {
  fullName!: string;
  photoRef?: string | null;
  criminalHistoryRef?: string | null;
  dateOfBirth?: string | null;
}

export class PointOfContactViewDto {
  name!: string;
  agency!: string;
  phone!: string;
}

export class SeizureCompletenessDto {
  present!: string[];
  missing!: string[];
}

/** The record as its readers see it; only the owner sees `caseId` and `sharedWith`. */
export class SeizureDto {
  id!: string;
  owningAgency!: string;
  caseId?: string | null;
  seizedAt!: string;
  @ApiProperty({ type: () => SeizureLocationDto, nullable: true })
  location!: SeizureLocationDto | null;
  circumstances!: string | null;
  finder!: string | null;
  seizingOfficial!: string | null;
  forensicProcessor!: string | null;
  firearms!: SeizureFirearmViewDto[];
  arrestees!: ArresteeViewDto[];
  noArrests!: boolean;
  pointsOfContact!: PointOfContactViewDto[];
  completeness!: SeizureCompletenessDto;
  readyToShare!: boolean;
  sharedWith?: string[];
  access!: 'OWNER' | 'SHARED';
  createdAt!: string;
  updatedAt!: string;
}

export class SeizureListDto {
  items!: SeizureDto[];
  nextCursor!: string | null;
}
