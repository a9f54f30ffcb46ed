import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client';

/**
 * What went wrong, in the user's language: the API's own title and detail for refusals (it answers in the language
 * asked), and the console's words for what the API could not say (no connection, a wait to respect).
 */
export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <div role="alert" className="problem">{describeProblem(error, t)}</div>;
}

export function describeProblem(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (!(error instanceof ApiError)) return t('errors.network');
  switch (error.kind) {
    case 'network': return t('errors.network');
    case 'unavailable': return error.retryAfter ? t('errors.unavailable', { seconds: error.retryAfter }) : t('errors.unavailableNoTime');
    // The API's own words when it gave them (a used-up check budget says what the limit is and whom to call instead).
    case 'rate-limited':
      return error.detail || (error.retryAfter ? t('errors.rateLimited', { seconds: error.retryAfter }) : t('errors.rateLimitedNoTime'));
    // Sign-in refusals (wrong password, locked account) carry the API's own words; an ended session may not.
    case 'unauthorized': return error.detail || error.title || t('errors.unauthorized');
    case 'validation':
      return error.fieldErrors.length > 0 ? `${t('errors.fixFields')} ${error.detail}`.trim() : [error.title, error.detail].filter(Boolean).join(': ');
    default:
      return [error.title, error.detail].filter(Boolean).join(': ') || t(error.kind === 'forbidden' ? 'errors.forbidden' : 'errors.notFound');
  }
}
