import { useTranslation } from 'react-i18next';

const TONE: Record<string, string> = {
  ON_TIME: 'badge-ok', EXEMPT: 'badge-ok', ACCEPTED: 'badge-ok', CLOSED: 'badge-ok', SUBMITTED: 'badge-warn', LATE: 'badge-warn',
  PENDING: 'badge-warn', REQUESTED: 'badge-warn', RETURNED: 'badge-warn', OPEN: 'badge-warn', MISSING: 'badge-overdue', OVERDUE: 'badge-overdue',
};

/** A status in words (never colour alone): notification, report or action-item status. */
export function StatusBadge({ kind, status }: { kind: 'notification' | 'report' | 'actionItem'; status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[status] ?? ''}`}>{t(`meetings.status.${kind}.${status}`, { defaultValue: status })}</span>;
}
