import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../lib/api-client';

interface FieldProps {
  label: string;
  /** The API's field path (`title`, `subjects.0.fullName`): its error, if any, is shown under the control. */
  name: string;
  error?: ApiError | null;
  required?: boolean;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; name: string; required?: boolean }) => ReactNode;
}

/** A labelled control with its hint and the API's message for this field, tied together for screen readers. */
export function FormField({ label, name, error, required, hint, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const message = error?.fieldErrors.find((e) => e.field === name)?.message;
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={message ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}{required ? <span className="required"> ({t('common.required')})</span> : null}</label>
      {children({ id, 'aria-invalid': Boolean(message), 'aria-describedby': describedBy, name, required })}
      {hint ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
      {message ? <div id={`${id}-error`} className="field-error" data-field-error={name}>{message}</div> : null}
    </div>
  );
}
