import { useTranslation } from 'react-i18next';

const TONE: Record<string, string> = { ACTIVE: 'badge-ok', CLOSED: '', INTAKE: 'badge-warn', DECONFLICTION: 'badge-warn' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge ${TONE[status] ?? ''}`.trim()}>{t(`cases.statuses.${status}`, { defaultValue: status })}</span>;
}
