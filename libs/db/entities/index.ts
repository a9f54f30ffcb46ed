import {
  CaseFirearmEntity, CaseIdentifierEntity, CaseOperationEntity, CaseShareEntity, CaseSubjectEntity,
} from './case-items.entity';
import { CaseEntity } from './case.entity';

/**
 * What is left of TypeORM's entity mapping: the case tables libs/cases still reads through it. Every other table is
 * read with typed SQL (libs/db/sql.ts); these go once libs/cases does the same.
 */
export {
  CaseEntity, CaseFirearmEntity, CaseIdentifierEntity, CaseOperationEntity, CaseShareEntity, CaseSubjectEntity,
};

export const ENTITIES = [
  CaseEntity, CaseFirearmEntity, CaseIdentifierEntity, CaseOperationEntity, CaseShareEntity, CaseSubjectEntity,
];
