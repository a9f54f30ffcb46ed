import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useAppendItems, type ItemKind } from '../api/case-mutations';
import {
  firearmBody, identifierBody, operationBody, subjectBody,
  emptyFirearm, emptyIdentifier, emptyOperation, emptySubject,
  type FirearmDraft, type IdentifierDraft, type OperationDraft, type SubjectDraft,
} from './drafts';
import { FirearmRows } from './firearm-rows';
import { IdentifierRows } from './identifier-rows';
import { OperationRows } from './operation-rows';
import { SubjectRows } from './subject-rows';

const KINDS: ItemKind[] = ['subjects', 'identifiers', 'firearms', 'operations'];

/** Adding items to an open case, one kind per submission (each is deconflicted as it arrives). */
export function AddItemsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ItemKind>('identifiers');
  const [subjects, setSubjects] = useState<SubjectDraft[]>([emptySubject()]);
  const [identifiers, setIdentifiers] = useState<IdentifierDraft[]>([emptyIdentifier()]);
  const [firearms, setFirearms] = useState<FirearmDraft[]>([emptyFirearm()]);
  const [operations, setOperations] = useState<OperationDraft[]>([emptyOperation()]);
  const [added, setAdded] = useState(false);
  const append = useAppendItems(caseId, () => {
    setAdded(true);
    if (kind === 'subjects') setSubjects([emptySubject()]);
    if (kind === 'identifiers') setIdentifiers([emptyIdentifier()]);
    if (kind === 'firearms') setFirearms([emptyFirearm()]);
    if (kind === 'operations') setOperations([emptyOperation()]);
  });
  const error = append.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    const items = {
      subjects: () => subjects.map(subjectBody), identifiers: () => identifiers.map(identifierBody),
      firearms: () => firearms.map(firearmBody), operations: () => operations.map(operationBody),
    }[kind]();
    append.mutate({ kind, items });
  };
  return (
    <section className="panel" aria-labelledby="case-add-heading">
      <h2 id="case-add-heading">{t('cases.add.title')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby="case-add-heading">
        <label className="field">
          {t('cases.add.kind')}
          <select value={kind} onChange={(e) => { setKind(e.target.value as ItemKind); append.reset(); setAdded(false); }}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`cases.form.${k}`)}</option>)}
          </select>
        </label>
        {kind === 'subjects' ? <SubjectRows rows={subjects} onChange={setSubjects} error={error} /> : null}
        {kind === 'identifiers' ? <IdentifierRows rows={identifiers} onChange={setIdentifiers} error={error} /> : null}
        {kind === 'firearms' ? <FirearmRows rows={firearms} onChange={setFirearms} error={error} /> : null}
        {kind === 'operations' ? <OperationRows rows={operations} onChange={setOperations} error={error} /> : null}
        <ProblemMessage error={error} />
        {added ? <p role="status" className="badge badge-ok">{t('cases.add.done')}</p> : null}
        <button type="submit" disabled={append.isPending}>{t('cases.add.submit')}</button>
      </form>
    </section>
  );
}
