import { useTranslation } from 'react-i18next';

const TONE: Record<string, string> = {
  ON_TIME: 'badge-ok', EXEMPT: 'badge-ok', ACCEPTED: 'badge-ok', CLOSED: 'badge-ok', SUBMITTED: 'badge-warn', LATE: 'badge-warn',
  PENDING: 'badge-warn', REQUESTED: 'badge-warn', RETURNED: 'badge-warn', OPEN: 'badge-warn', MISSING: 'badge-overdue', OVERDUE: 'badge-overdue',
  SCHEDULED: 'badge-warn', HELD: 'badge-ok', CANCELLED: '',
};

/** A status in words (never colour alone): the meeting's, its notification's or report's, or an action item's. */
export function StatusBadge({ kind, status }: { kind: 'meeting' | 'notification' | 'report' | 'actionItem'; status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[status] ?? ''}`}>{t(`meetings.status.${kind}.${status}`, { defaultValue: status })}</span>;
}
