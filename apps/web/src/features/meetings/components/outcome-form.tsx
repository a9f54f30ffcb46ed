import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { fromLocalInput } from '../../../lib/format';
import { useMeetingStep, type Outcome } from '../api/meetings';

interface ItemDraft { description: string; owner: string; dueAt: string }
const NO_ITEM: ItemDraft = { description: '', owner: '', dueAt: '' };

/** What the meeting decided: when it was held, a summary, and action items each with an owner and a due date. */
export function OutcomeForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [heldAt, setHeldAt] = useState('');
  const [summary, setSummary] = useState('');
  const [items, setItems] = useState<ItemDraft[]>([]);
  const step = useMeetingStep<Outcome>(meetingId, 'outcome', (input) => input);
  const error = step.error;
  const setItem = (index: number, patch: Partial<ItemDraft>) => setItems(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    step.mutate({
      heldAt: fromLocalInput(heldAt), summary,
      actionItems: items.map((item) => ({ description: item.description, owner: item.owner, dueAt: fromLocalInput(item.dueAt) })),
    });
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="outcome-title">
      <h2 id="outcome-title">{t('meetings.outcome.title')}</h2>
      <FormField label={t('meetings.outcome.heldAt')} name="heldAt" error={error} required>
        {(p) => <input {...p} type="datetime-local" value={heldAt} onChange={(e) => setHeldAt(e.target.value)} />}
      </FormField>
      <FormField label={t('meetings.outcome.summary')} name="summary" error={error} required>
        {(p) => <textarea {...p} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </FormField>
      <h3>{t('meetings.outcome.actionItems')}</h3>
      {items.map((item, index) => (
        <fieldset key={index} className="action-item-draft">
          <legend>{t('meetings.outcome.item', { number: index + 1 })}</legend>
          <FormField label={t('meetings.actionItems.description')} name={`actionItems.${index}.description`} error={error} required>
            {(p) => <input {...p} value={item.description} onChange={(e) => setItem(index, { description: e.target.value })} />}
          </FormField>
          <div className="row">
            <FormField label={t('meetings.actionItems.owner')} name={`actionItems.${index}.owner`} error={error} required>
              {(p) => <input {...p} value={item.owner} onChange={(e) => setItem(index, { owner: e.target.value })} />}
            </FormField>
            <FormField label={t('meetings.actionItems.dueAt')} name={`actionItems.${index}.dueAt`} error={error} required>
              {(p) => <input {...p} type="datetime-local" value={item.dueAt} onChange={(e) => setItem(index, { dueAt: e.target.value })} />}
            </FormField>
            <button type="button" className="secondary" onClick={() => setItems(items.filter((_, i) => i !== index))}>
              {t('meetings.outcome.removeItem', { number: index + 1 })}
            </button>
          </div>
        </fieldset>
      ))}
      <p><button type="button" className="secondary" onClick={() => setItems([...items, NO_ITEM])}>{t('meetings.outcome.addItem')}</button></p>
      <ProblemMessage error={error} />
      <button type="submit" disabled={step.isPending}>{t('meetings.outcome.submit')}</button>
    </form>
  );
}
