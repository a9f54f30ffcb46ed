import { useTranslation } from 'react-i18next';
import type { AmbiguousSubject } from '../api/get-ambiguities';

/**
 * Beside a person whose name is shared by too many stored persons to match on (issue 16): a date of birth or an
 * identifier lets deconfliction decide. The API cannot change an entered subject, so the way today is a new subject
 * entry with the DOB, or an identifier, through "Add items" below.
 */
export function AmbiguousNamePrompt({ notice, canAdd }: { notice: AmbiguousSubject; canAdd: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="case-ambiguous" role="note" data-testid="ambiguous-name-prompt" data-subject-id={notice.subjectId}>
      <strong>{t('cases.ambiguous.title')}</strong>{' '}
      {t('cases.ambiguous.body', { name: notice.matchedValue })}{' '}
      {canAdd ? t('cases.ambiguous.howToAdd') : t('cases.ambiguous.askOwner')}
    </div>
  );
}
