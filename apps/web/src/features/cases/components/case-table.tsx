import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Time } from '../../../components/ui/time';
import type { CaseSummary } from '../api/types';
import { StatusBadge } from './status-badge';

/** One row per case, its number linking to the case page: the list and the search results read alike. */
export function CaseTable({ items, label }: { items: CaseSummary[]; label: string }) {
  const { t } = useTranslation();
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('cases.fields.caseNumber')}</th>
          <th scope="col">{t('cases.fields.title')}</th>
          <th scope="col">{t('cases.fields.category')}</th>
          <th scope="col">{t('cases.fields.status')}</th>
          <th scope="col">{t('cases.fields.owningAgency')}</th>
          <th scope="col">{t('cases.fields.updatedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <td><Link to={`/cases/${c.id}`}>{c.caseNumber}</Link></td>
            <td>{c.title}</td>
            <td>{t(`cases.categories.${c.category}`, { defaultValue: c.category })}</td>
            <td><StatusBadge status={c.status} /></td>
            <td>{c.owningAgency}</td>
            <td><Time value={c.updatedAt ?? c.createdAt} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
