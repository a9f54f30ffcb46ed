import { useTranslation } from 'react-i18next';
import { ProblemMessage } from './problem-message';

/** Loading, failure and empty, the same on every page. */
export function QueryState({ isLoading, error, isEmpty, emptyText }: { isLoading: boolean; error: unknown; isEmpty?: boolean; emptyText?: string }) {
  const { t } = useTranslation();
  if (isLoading) return <p role="status" className="loading">{t('common.loading')}</p>;
  if (error) return <ProblemMessage error={error} />;
  if (isEmpty) return <p className="empty">{emptyText ?? t('common.empty')}</p>;
  return null;
}

/** Cursor pagination: "Load more" while the API gives a nextCursor. */
export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return <button type="button" className="secondary" onClick={onClick} disabled={loading}>{loading ? t('common.loading') : t('common.loadMore')}</button>;
}
