import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface RowListProps<T> {
  /** Heading of the section and the name of each row's group ("Identifier 2"). */
  title: string;
  rowLabel: (index: number) => string;
  addLabel: string;
  rows: T[];
  onChange: (rows: T[]) => void;
  empty: () => T;
  render: (row: T, index: number, update: (patch: Partial<T>) => void) => ReactNode;
}

/** Repeatable rows of one kind of item: each row a labelled group with its own Remove, and an Add below. */
export function RowList<T>({ title, rowLabel, addLabel, rows, onChange, empty, render }: RowListProps<T>) {
  const { t } = useTranslation();
  const update = (index: number) => (patch: Partial<T>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="panel case-rows">
      <legend>{title}</legend>
      {rows.map((row, index) => (
        // The index is the key on purpose: rows have no identity of their own before they are saved
        <fieldset key={index} className="case-row">
          <legend>{rowLabel(index)}</legend>
          {render(row, index, update(index))}
          <button type="button" className="secondary" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {t('cases.form.removeRow', { row: rowLabel(index) })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...rows, empty()])}>{addLabel}</button>
    </fieldset>
  );
}
