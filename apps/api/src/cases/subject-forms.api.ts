import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../../libs/auth/roles';
import { appendedForms, appendFormsProblems } from '../../../../libs/cases/subject-forms-rules';
import { CaseService } from '../../../../libs/cases/case.service';
import { ApiError, fieldErrors } from '../common/api-error';
import type { IdempotentOutcome } from '../common/idempotency.service';
import { M } from '../common/messages';
import { CasesApi } from './cases.api';
import type { AppendSubjectFormsDto } from './dto/subject-forms.dto';

/**
 * Aliases and monikers appended to a stored subject (issue 21) by the owning agency's agents. They go through the case
 * workflow's append like any other item (kind 'aliases'), so they are ordered with the case's other changes and
 * deconflicted: the subject is matched again under every name it now has.
 */
@Injectable()
export class SubjectFormsApi {
  constructor(private readonly cases: CasesApi, private readonly service: CaseService) {}

  async add(user: AuthUser, caseId: string, subjectId: string, dto: AppendSubjectFormsDto, key: string | undefined): Promise<IdempotentOutcome> {
    await this.cases.requireOwner(user, caseId);
    const aliases = dto.aliases ?? [];
    const monikers = dto.monikers ?? [];
    if (aliases.length + monikers.length === 0) throw new ApiError('ValidationFailed', M.subjectFormsEmpty);
    const subject = await this.service.subject(caseId, subjectId);
    if (!subject) throw new ApiError('NotFound', M.subjectNotFound, { id: caseId, subjectId });
    const problems = appendFormsProblems(subject, aliases, monikers);
    if (problems.length > 0) throw fieldErrors(problems);
    return this.cases.append(user, caseId, 'aliases', appendedForms(subjectId, aliases, monikers), key);
  }
}
