import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { itemsBody, type FirearmDraft, type IdentifierDraft, type OperationDraft, type SubjectDraft } from '../../cases/components/drafts';
import { FirearmRows } from '../../cases/components/firearm-rows';
import { IdentifierRows } from '../../cases/components/identifier-rows';
import { OperationRows } from '../../cases/components/operation-rows';
import { SubjectRows } from '../../cases/components/subject-rows';
import '../../cases/cases.css';
import { useRunCheck, type CheckAnswer } from '../api/checks';
import { CheckAnswerPanel } from '../components/check-answer';
import { CheckLog } from '../components/check-log';

/**
 * Checking persons, identifiers, serials and a planned operation against every agency's cases and lookouts without
 * opening a case: the agent learns whom to call before acting. The values typed stay after the answer, so one can be
 * corrected (a DOB added to a common name) and checked again.
 */
export function CheckPage() {
  const { t } = useTranslation();
  const [subjects, setSubjects] = useState<SubjectDraft[]>([]);
  const [identifiers, setIdentifiers] = useState<IdentifierDraft[]>([]);
  const [firearms, setFirearms] = useState<FirearmDraft[]>([]);
  const [operations, setOperations] = useState<OperationDraft[]>([]);
  const [answer, setAnswer] = useState<CheckAnswer | null>(null);
  const check = useRunCheck(setAnswer);
  const error = check.error;
  const nothing = subjects.length + identifiers.length + firearms.length + operations.length === 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAnswer(null);
    check.mutate(itemsBody({ subjects, identifiers, firearms, operations }));
  };

  return (
    <section className="case-form-page">
      <h1>{t('checks.title')}</h1>
      <p>{t('checks.intro')}</p>
      <p className="hint">{t('checks.notSilent')}</p>
      <form onSubmit={submit} noValidate aria-labelledby="check-form-heading">
        <h2 id="check-form-heading">{t('checks.form')}</h2>
        <SubjectRows rows={subjects} onChange={setSubjects} error={error} />
        <IdentifierRows rows={identifiers} onChange={setIdentifiers} error={error} />
        <FirearmRows rows={firearms} onChange={setFirearms} error={error} />
        <OperationRows rows={operations} onChange={setOperations} error={error} />
        <ProblemMessage error={error} />
        {nothing ? <p className="hint">{t('checks.addSomething')}</p> : null}
        <button type="submit" disabled={check.isPending || nothing}>{check.isPending ? t('checks.running') : t('checks.submit')}</button>
      </form>
      {answer ? <CheckAnswerPanel answer={answer} /> : null}
      <CheckLog />
    </section>
  );
}
