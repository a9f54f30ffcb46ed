import { useTranslation } from 'react-i18next';
import { Time } from '../../../components/ui/time';
import { useNow } from '../../../lib/use-now';
import type { DeskHit } from '../api/hits';

/** "1:02:05" / "14:32": hours only when there are any. */
function countdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * The time left before an open hit escalates, ticking; for escalated and resolved hits, when that happened. The
 * exact instant is in the <time> element for screen readers, which are not told every second.
 */
export function EscalationClock({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  if (hit.status === 'RESOLVED') return <span className="badge badge-ok">{t('deconfliction.clock.resolved')} <Time value={hit.resolvedAt} /></span>;
  if (hit.status === 'ESCALATED') return <span className="badge badge-urgent">{t('deconfliction.clock.escalated')} <Time value={hit.escalatedAt} /></span>;
  if (!hit.escalatesAt) return <span>—</span>;
  const left = new Date(hit.escalatesAt).getTime() - now;
  if (left <= 0) return <span className="badge badge-urgent">{t('deconfliction.clock.due')}</span>;
  return (
    <span className={left < 5 * 60_000 ? 'badge badge-warn clock' : 'badge clock'} data-testid="escalation-clock">
      <span aria-hidden="true">{t('deconfliction.clock.left', { time: countdown(left) })}</span>
      <span className="visually-hidden">{t('deconfliction.clock.escalatesAt')} <Time value={hit.escalatesAt} /></span>
    </span>
  );
}
