import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  DistinctSubjectNames, MAX_ALIAS_LENGTH, MAX_MONIKER_LENGTH, MAX_SUBJECT_ALIASES, MAX_SUBJECT_MONIKERS,
} from './subject-names.validators';

/** Other names appended to a stored subject (issue 21); at least one of the two lists. */
export class AppendSubjectFormsDto {
  /** Other full names (a person's other identities, an organization's trading or other names). */
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_SUBJECT_ALIASES) @IsString({ each: true }) @IsNotEmpty({ each: true })
  @MaxLength(MAX_ALIAS_LENGTH, { each: true }) @DistinctSubjectNames(['monikers'])
  aliases?: string[];

  /** Street nicknames of a person subject. */
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_SUBJECT_MONIKERS) @IsString({ each: true }) @IsNotEmpty({ each: true })
  @MaxLength(MAX_MONIKER_LENGTH, { each: true }) @DistinctSubjectNames(['aliases'])
  monikers?: string[];
}
