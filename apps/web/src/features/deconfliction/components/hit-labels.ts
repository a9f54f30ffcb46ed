import type { TFunction } from 'i18next';
import type { DeskHit, HitSide } from '../api/hits';

/** Where a hit stands in the queue, as the API orders it: urgent event conflict, escalated, open, resolved. */
export function priorityOf(hit: DeskHit): 'urgent' | 'escalated' | 'open' | 'resolved' {
  if (hit.status === 'OPEN' && hit.matchType === 'EVENT') return 'urgent';
  if (hit.status === 'ESCALATED') return 'escalated';
  return hit.status === 'OPEN' ? 'open' : 'resolved';
}

/** "ATF 2026-ATF-00012" (or a lookout / seizure when the side is not a case). */
export function sideLabel(side: HitSide, t: TFunction): string {
  if (side.caseNumber) return `${side.agency} ${side.caseNumber}`;
  return `${side.agency} ${t(side.lookout ? 'deconfliction.side.lookout' : side.seizure ? 'deconfliction.side.seizure' : 'deconfliction.side.case')}`;
}

export const matchTypeLabel = (type: string, t: TFunction) => t(`deconfliction.matchTypes.${type}`, { defaultValue: type });
