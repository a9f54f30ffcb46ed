import type { HitRecord } from '../../../../libs/deconfliction/hit.repository';
import { fieldError } from '../common/api-error';
import type { ResolveHitDto } from './dto/deconfliction.dto';

/**
 * DEFER names which case defers (issue 17): one of the hit's cases, and only with DEFER, so a resolution never records
 * a deferral it does not mean. Optional, because api.md's `{ resolution, note }` stays a valid DEFER for clients
 * written before it (then nobody in particular is told to stand down). Checked before the workflow is asked, so
 * nothing is written on a 400.
 */
export function checkDeferral(hit: HitRecord, dto: ResolveHitDto): void {
  const cases = [hit.a.caseId, hit.b.caseId].filter((id): id is string => id !== null);
  if (dto.resolution !== 'DEFER') {
    if (dto.deferringCaseId !== undefined) {
      throw fieldError('deferringCaseId', 'is only given with the DEFER resolution', 'solo se indica con la resolución DEFER');
    }
    return;
  }
  if (dto.deferringCaseId !== undefined && !cases.includes(dto.deferringCaseId)) {
    throw fieldError('deferringCaseId', 'is not one of the hit\'s two cases', 'no es uno de los dos casos de la coincidencia');
  }
}
