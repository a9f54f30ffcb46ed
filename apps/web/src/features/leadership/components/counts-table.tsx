import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** A small two-column table of counts per key (hits by type, referrals by rule). */
export function CountsTable({ title, counts, keyLabel }: { title: string; counts: Record<string, number>; keyLabel: string }) {
  const { t } = useTranslation();
  const id = useId();
  const entries = Object.entries(counts);
  return (
    <div className="panel">
      <h3 id={id}>{title}</h3>
      {entries.length === 0 ? <p className="empty">{t('common.empty')}</p> : (
        <table aria-labelledby={id}>
          <thead><tr><th scope="col">{keyLabel}</th><th scope="col">{t('leadership.stats.count')}</th></tr></thead>
          <tbody>{entries.map(([key, count]) => <tr key={key}><th scope="row">{key}</th><td className="num">{count}</td></tr>)}</tbody>
        </table>
      )}
    </div>
  );
}
