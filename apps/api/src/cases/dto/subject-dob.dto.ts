import { Matches } from 'class-validator';
import { IsPastDate } from '../../common/validators';

/** The date of birth learnt for a person subject already on the case. */
export class SetSubjectDobDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date as YYYY-MM-DD' }) @IsPastDate()
  dateOfBirth!: string;
}

export class SubjectDobSetDto {
  caseId!: string;
  subjectId!: string;
  dateOfBirth!: string;
  /** False when the subject already had this date of birth (a repeated request changes nothing). */
  changed!: boolean;
}
