import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface DateRange { from: string; to: string }

/** yyyy-mm-dd in the user's zone. */
export function isoDay(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 10);
}

/** The default period: the last twelve months and the next three (meetings are often scheduled ahead). */
export function defaultRange(now = new Date()): DateRange {
  const from = new Date(now); from.setFullYear(from.getFullYear() - 1);
  const to = new Date(now); to.setMonth(to.getMonth() + 3);
  return { from: isoDay(from), to: isoDay(to) };
}

/** The API's instants for a range of whole days in the user's zone: from the first day's start to the last day's end. */
export function rangeQuery(range: DateRange): { from: string; to: string } {
  return {
    from: new Date(`${range.from}T00:00:00`).toISOString(),
    to: new Date(`${range.to}T23:59:59.999`).toISOString(),
  };
}

/** A from/to filter applied on submit (typing a date does not refetch at every keystroke). */
export function DateRangeFilter({ value, onChange, children }: { value: DateRange; onChange: (next: DateRange) => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form className="row filters" onSubmit={submit} aria-label={t('leadership.range.label')}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('leadership.range.from')}</label>
        <input id={`${id}-from`} type="date" required value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('leadership.range.to')}</label>
        <input id={`${id}-to`} type="date" required value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </div>
      {children}
      <div className="field"><button type="submit">{t('leadership.range.apply')}</button></div>
    </form>
  );
}
