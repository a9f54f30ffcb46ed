import { CoordinatorHitDto } from './deconfliction-responses.dto';

/** An entry of a hit's contact log, with its author and time. */
export class HitContactEntryDto {
  id!: string;
  reached!: string;
  agency!: string;
  means!: string;
  agreed!: string;
  /** The coordinator who wrote it (username). */
  author!: string;
  createdAt!: string;
}

export class HitContactPageDto {
  items!: HitContactEntryDto[];
  nextCursor!: string | null;
}

/** A hit's page: the desk view with its contact log, newest first. */
export class CoordinatorHitPageViewDto extends CoordinatorHitDto {
  contacts!: HitContactEntryDto[];
}
