import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import type { ApiError } from '../../../lib/api-client';
import type { Attendee } from '../api/meetings';

const NO_ONE: Attendee = { name: '', agency: '' };

/** Rows of attendee name and agency code, with add and remove; errors show next to the field the API named. */
export function AttendeesEditor(
  { attendees, onChange, error }: { attendees: Attendee[]; onChange: (next: Attendee[]) => void; error: ApiError | null },
) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<Attendee>) => onChange(attendees.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <fieldset className="attendees-draft">
      <legend>{t('meetings.attendees.title')}</legend>
      <p className="hint">{t('meetings.attendees.hint')}</p>
      {attendees.map((attendee, index) => (
        <div className="row" key={index}>
          <FormField label={t('meetings.attendees.name', { number: index + 1 })} name={`attendees[${index}].name`} error={error} required>
            {(p) => <input {...p} value={attendee.name} onChange={(e) => set(index, { name: e.target.value })} />}
          </FormField>
          <FormField label={t('meetings.attendees.agency', { number: index + 1 })} name={`attendees[${index}].agency`} error={error} required>
            {(p) => <input {...p} value={attendee.agency} onChange={(e) => set(index, { agency: e.target.value.toUpperCase() })} />}
          </FormField>
          <button type="button" className="secondary" onClick={() => onChange(attendees.filter((_, i) => i !== index))}>
            {t('meetings.attendees.remove', { number: index + 1 })}
          </button>
        </div>
      ))}
      <p><button type="button" className="secondary" onClick={() => onChange([...attendees, NO_ONE])}>{t('meetings.attendees.add')}</button></p>
    </fieldset>
  );
}
