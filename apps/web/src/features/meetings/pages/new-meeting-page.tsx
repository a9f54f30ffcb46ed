import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { fromLocalInput } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { COUNTRIES, DELIVERABLES, LEVELS, useCaseOptions, useCreateMeeting, type Attendee } from '../api/meetings';
import { AttendeesEditor } from '../components/attendees-editor';
import '../meetings.css';

interface Draft {
  title: string; counterpartCountry: string; agencies: string; level: string; scheduledAt: string; location: string; deliverables: string[];
  caseId: string; attendees: Attendee[];
}
const EMPTY: Draft = {
  title: '', counterpartCountry: 'MX', agencies: '', level: 'EXECUTIVE', scheduledAt: '', location: '', deliverables: [], caseId: '', attendees: [],
};

/** A meeting with foreign counterparts: an executive one needs a notice (M1); one on a deliverable may get a report (M3). */
export function NewMeetingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  // Only case agents list cases; an organizer who is not one creates meetings without naming a case.
  const { hasRole } = useSession();
  const cases = useCaseOptions(hasRole('CASE_AGENT'));
  // Nothing waits for the navigation: `void` drops react-router's promise on purpose.
  const create = useCreateMeeting((created) => { void navigate(`/meetings/${created.id}`); });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      title: draft.title, counterpartCountry: draft.counterpartCountry, level: draft.level,
      counterpartAgencies: draft.agencies.split(',').map((a) => a.trim().toUpperCase()).filter(Boolean),
      scheduledAt: fromLocalInput(draft.scheduledAt), location: draft.location.trim() || undefined, deliverables: draft.deliverables,
      caseId: draft.caseId || undefined, attendees: draft.attendees,
    });
  };
  const error = create.error;
  return (
    <section className="meetings">
      <h1>{t('meetings.create.title')}</h1>
      <form onSubmit={submit} className="panel" noValidate>
        <FormField label={t('meetings.fields.title')} name="title" error={error} required>
          {(p) => <input {...p} value={draft.title} onChange={(e) => set('title', e.target.value)} />}
        </FormField>
        <div className="row">
          <FormField label={t('meetings.fields.counterpartCountry')} name="counterpartCountry" error={error} required>
            {(p) => (
              <select {...p} value={draft.counterpartCountry} onChange={(e) => set('counterpartCountry', e.target.value)}>
                {COUNTRIES.map((c) => <option key={c} value={c}>{t(`meetings.countries.${c}`)}</option>)}
              </select>
            )}
          </FormField>
          <FormField label={t('meetings.fields.level')} name="level" error={error} required hint={t('meetings.create.levelHint')}>
            {(p) => (
              <select {...p} value={draft.level} onChange={(e) => set('level', e.target.value)}>
                {LEVELS.map((l) => <option key={l} value={l}>{t(`meetings.levels.${l}`)}</option>)}
              </select>
            )}
          </FormField>
        </div>
        <FormField label={t('meetings.fields.counterpartAgencies')} name="counterpartAgencies" error={error} required hint={t('meetings.create.agenciesHint')}>
          {(p) => <input {...p} value={draft.agencies} onChange={(e) => set('agencies', e.target.value)} />}
        </FormField>
        <div className="row">
          <FormField label={t('meetings.fields.scheduledAt')} name="scheduledAt" error={error} required>
            {(p) => <input {...p} type="datetime-local" value={draft.scheduledAt} onChange={(e) => set('scheduledAt', e.target.value)} />}
          </FormField>
          <FormField label={t('meetings.fields.location')} name="location" error={error}>
            {(p) => <input {...p} required={false} value={draft.location} onChange={(e) => set('location', e.target.value)} />}
          </FormField>
        </div>
        {cases.data ? (
          <FormField label={t('meetings.fields.case')} name="caseId" error={error} hint={t('meetings.create.caseHint')}>
            {(p) => (
              <select {...p} required={false} value={draft.caseId} onChange={(e) => set('caseId', e.target.value)}>
                <option value="">{t('meetings.create.noCase')}</option>
                {cases.data.map((c) => <option key={c.id} value={c.id}>{c.caseNumber} — {c.title}</option>)}
              </select>
            )}
          </FormField>
        ) : null}
        <AttendeesEditor attendees={draft.attendees} onChange={(next) => set('attendees', next)} error={error} />
        <fieldset className="deliverables">
          <legend>{t('meetings.fields.deliverables')}</legend>
          <p className="hint">{t('meetings.create.deliverablesHint')}</p>
          {DELIVERABLES.map((d) => (
            <label key={d} className="check">
              <input
                type="checkbox" checked={draft.deliverables.includes(d)}
                onChange={(e) => set('deliverables', e.target.checked ? [...draft.deliverables, d] : draft.deliverables.filter((x) => x !== d))}
              />
              {t(`meetings.deliverables.${d}`)}
            </label>
          ))}
        </fieldset>
        <ProblemMessage error={error} />
        <div className="row">
          <button type="submit" disabled={create.isPending}>{create.isPending ? t('meetings.create.submitting') : t('meetings.create.submit')}</button>
        </div>
      </form>
    </section>
  );
}
