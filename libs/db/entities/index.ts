import { AgencyEntity } from './agency.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import {
  CaseFirearmEntity, CaseIdentifierEntity, CaseOperationEntity, CaseShareEntity, CaseSubjectEntity,
} from './case-items.entity';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

export {
  AgencyEntity, AuditEntryEntity, CaseEntity, CaseFirearmEntity, CaseIdentifierEntity, CaseOperationEntity,
  CaseShareEntity, CaseSubjectEntity, UserEntity,
};

export const ENTITIES = [
  AgencyEntity, AuditEntryEntity, CaseEntity, CaseFirearmEntity, CaseIdentifierEntity, CaseOperationEntity,
  CaseShareEntity, CaseSubjectEntity, UserEntity,
];
