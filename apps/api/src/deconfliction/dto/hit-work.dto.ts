import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CONTACT_MEANS, ContactMeans } from '../../../../../libs/deconfliction/hit-contact-log.repository';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** `POST /deconfliction/hits/:id/assign`: the coordinator to hand the hit to, by username. */
export class AssignHitDto {
  @trimmed() @IsString() @IsNotEmpty() @MaxLength(100)
  to!: string;
}

/** `POST /deconfliction/hits/:id/release`: an optional word on why, kept in the audit trail. */
export class ReleaseHitDto {
  @IsOptional() @trimmed() @IsString() @MaxLength(1000)
  reason?: string;
}

/** One entry of a hit's contact log. */
export class HitContactDto {
  /** Whom the coordinator reached (a name, a desk). */
  @trimmed() @IsString() @IsNotEmpty() @MaxLength(200)
  reached!: string;

  /** At which agency. */
  @trimmed() @IsString() @IsNotEmpty() @MaxLength(120)
  agency!: string;

  @IsIn(CONTACT_MEANS)
  means!: ContactMeans;

  /** What was agreed. */
  @trimmed() @IsString() @IsNotEmpty() @MaxLength(4000)
  agreed!: string;
}
