import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import type { AmbiguousSubject } from '../api/get-ambiguities';
import { useSetSubjectDob } from '../api/set-subject-dob';

/**
 * Beside a person whose name is shared by too many stored persons to match on (issue 16): a date of birth or an
 * identifier lets deconfliction decide. The owning agency's agent enters the date of birth right here; matching runs
 * again for the person and may raise real hits. Shown until the subject has a date of birth.
 */
export function AmbiguousNamePrompt({ caseId, notice, canAdd }: { caseId: string; notice: AmbiguousSubject; canAdd: boolean }) {
  const { t } = useTranslation();
  const [dateOfBirth, setDateOfBirth] = useState('');
  const setDob = useSetSubjectDob(caseId, notice.subjectId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDob.mutate(dateOfBirth);
  };
  return (
    <div className="case-ambiguous" role="note" data-testid="ambiguous-name-prompt" data-subject-id={notice.subjectId}>
      <strong>{t('cases.ambiguous.title')}</strong>{' '}
      {t('cases.ambiguous.body', { name: notice.matchedValue })}{' '}
      {canAdd ? t('cases.ambiguous.howToAdd') : t('cases.ambiguous.askOwner')}
      {canAdd ? (
        <form onSubmit={submit} noValidate aria-label={t('cases.ambiguous.formLabel', { name: notice.matchedValue })} data-testid="ambiguous-dob-form">
          <FormField label={t('cases.ambiguous.dateOfBirth')} name="dateOfBirth" error={setDob.error} required>
            {(props) => <input {...props} type="date" value={dateOfBirth} onChange={(e) => setDateOfBirth(e.target.value)} />}
          </FormField>
          <ProblemMessage error={setDob.error} />
          <button type="submit" disabled={setDob.isPending}>{t('cases.ambiguous.submit')}</button>
        </form>
      ) : null}
    </div>
  );
}
