import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../../../libs/auth/roles';
import { CaseService } from '../../../../libs/cases/case.service';
import type { SubjectDobResult } from '../../../../libs/contracts/case-items';
import { setSubjectDobUpdate } from '../../../../libs/contracts/messages/case';
import { caseWorkflowId } from '../../../../libs/contracts/workflows';
import { actorOf } from '../common/actor';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { TemporalService } from '../infra/temporal.service';
import { CasesApi } from './cases.api';

/** The subject named is not a person of this case (an organization, another case's, or none). */
const SUBJECT_NOT_FOUND = {
  en: 'Case {id} has no person subject {subjectId}.',
  es: 'El caso {id} no tiene un sujeto persona {subjectId}.',
};

/**
 * PATCH /cases/:id/subjects/:subjectId (issue 16): the owning agency's agent adds a person's date of birth. It goes
 * through the case workflow, as every case change does, which sets it (audited) and runs matching again for that
 * person, so an ambiguous POSSIBLE may become a hit. Setting the date the subject already has changes nothing.
 */
@Injectable()
export class SubjectDobApi {
  constructor(private readonly cases: CasesApi, private readonly service: CaseService, private readonly temporal: TemporalService) {}

  async set(user: AuthUser, caseId: string, subjectId: string, dateOfBirth: string): Promise<SubjectDobResult> {
    await this.cases.requireOwner(user, caseId);
    if ((await this.service.findById(caseId))?.status === 'CLOSED') throw new ApiError('Conflict', M.caseClosed, { id: caseId });
    if (!(await this.service.personSubject(caseId, subjectId))) throw new ApiError('NotFound', SUBJECT_NOT_FOUND, { id: caseId, subjectId });
    return this.cases.runUpdate(caseId, () => this.temporal.executeUpdate(
      caseWorkflowId(caseId), setSubjectDobUpdate, { actor: actorOf(user), subjectId, dateOfBirth }, `req-${randomUUID()}`,
    ));
  }
}
