import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import type { ApiError } from '../../../lib/api-client';
import {
  emptyArrestee, emptyContact, emptyFirearm, type ArresteeDraft, type ContactDraft, type FirearmDraft, type SeizureDraft,
} from './seizure-draft';

interface Props {
  draft: SeizureDraft;
  onChange: (next: SeizureDraft) => void;
  onSubmit: () => void;
  mode: 'create' | 'patch';
  error: ApiError | null;
  pending: boolean;
  submitLabel: string;
  aside?: ReactNode;
}

/**
 * The ten elements, grouped as the seed lists them. Nothing is required but the date and one serial at creation: a
 * record may be saved incomplete, and the checklist beside it says what is missing.
 */
export function SeizureForm({ draft, onChange, onSubmit, mode, error, pending, submitLabel, aside }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<SeizureDraft>) => onChange({ ...draft, ...patch });
  const setFirearm = (i: number, patch: Partial<FirearmDraft>) => set({ firearms: draft.firearms.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const setArrestee = (i: number, patch: Partial<ArresteeDraft>) => set({ arrestees: draft.arrestees.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const setContact = (i: number, patch: Partial<ContactDraft>) =>
    set({ pointsOfContact: draft.pointsOfContact.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const input = (value: string, update: (v: string) => void, type = 'text') =>
    (props: Record<string, unknown>) => <input {...props} type={type} value={value} onChange={(e) => update(e.target.value)} />;

  return (
    <form className="seizure-form" noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      <div className="seizure-layout">
        <div className="seizure-fields">
          <fieldset>
            <legend>{t('seizures.form.firearms')}</legend>
            {draft.firearms.map((f, i) => (
              <fieldset key={f.id ?? i} className="seizure-item">
                <legend>{t('seizures.form.firearmN', { n: i + 1 })}</legend>
                <div className="grid-3">
                  <FormField label={t('seizures.form.serialNumber')} name={`firearms.${i}.serialNumber`} error={error} required={mode === 'create'}
                    hint={mode === 'patch' ? t('seizures.form.serialFixed') : undefined}>
                    {({ required, ...props }) => <input {...props} aria-required={required} readOnly={mode === 'patch'} value={f.serialNumber} onChange={(e) => setFirearm(i, { serialNumber: e.target.value })} />}
                  </FormField>
                  <FormField label={t('seizures.form.make')} name={`firearms.${i}.make`} error={error}>{input(f.make, (v) => setFirearm(i, { make: v }))}</FormField>
                  <FormField label={t('seizures.form.model')} name={`firearms.${i}.model`} error={error}>{input(f.model, (v) => setFirearm(i, { model: v }))}</FormField>
                  <FormField label={t('seizures.form.importer')} name={`firearms.${i}.importer`} error={error}>{input(f.importer, (v) => setFirearm(i, { importer: v }))}</FormField>
                  <FormField label={t('seizures.form.caliber')} name={`firearms.${i}.caliber`} error={error}>{input(f.caliber, (v) => setFirearm(i, { caliber: v }))}</FormField>
                  <FormField label={t('seizures.form.action')} name={`firearms.${i}.action`} error={error} hint={t('seizures.form.actionHint')}>{input(f.action, (v) => setFirearm(i, { action: v }))}</FormField>
                </div>
                <label className="checkbox">
                  <input type="checkbox" checked={f.serialObliterated} onChange={(e) => setFirearm(i, { serialObliterated: e.target.checked })} />{' '}
                  {t('seizures.form.serialObliterated')}
                </label>
                {f.serialObliterated ? (
                  <FormField label={t('seizures.form.obliterationNotes')} name={`firearms.${i}.obliterationNotes`} error={error}>
                    {(props) => (
                      <textarea {...props} rows={2} value={f.obliterationNotes} onChange={(e) => setFirearm(i, { obliterationNotes: e.target.value })} />
                    )}
                  </FormField>
                ) : null}
                {mode === 'create' && draft.firearms.length > 1 ? (
                  <button type="button" className="secondary" onClick={() => set({ firearms: draft.firearms.filter((_, j) => j !== i) })}>
                    {t('seizures.form.removeFirearm', { n: i + 1 })}
                  </button>
                ) : null}
              </fieldset>
            ))}
            {mode === 'create' ? <button type="button" className="secondary" onClick={() => set({ firearms: [...draft.firearms, emptyFirearm()] })}>{t('seizures.form.addFirearm')}</button> : null}
          </fieldset>

          <fieldset>
            <legend>{t('seizures.form.when')}</legend>
            <div className="grid-3">
              <FormField label={t('seizures.form.seizedAt')} name="seizedAt" error={error} required={mode === 'create'}>
                {({ required, ...props }) => <input {...props} aria-required={required} type="datetime-local" value={draft.seizedAt} onChange={(e) => set({ seizedAt: e.target.value })} />}
              </FormField>
              <FormField label={t('seizures.form.latitude')} name="location.latitude" error={error}>{input(draft.latitude, (v) => set({ latitude: v }))}</FormField>
              <FormField label={t('seizures.form.longitude')} name="location.longitude" error={error}>{input(draft.longitude, (v) => set({ longitude: v }))}</FormField>
            </div>
            <FormField label={t('seizures.form.locationDescription')} name="location.description" error={error}>{input(draft.locationDescription, (v) => set({ locationDescription: v }))}</FormField>
            <FormField label={t('seizures.form.circumstances')} name="circumstances" error={error}>
              {(props) => <textarea {...props} rows={3} value={draft.circumstances} onChange={(e) => set({ circumstances: e.target.value })} />}
            </FormField>
          </fieldset>

          <fieldset>
            <legend>{t('seizures.form.personnel')}</legend>
            <div className="grid-3">
              <FormField label={t('seizures.form.finder')} name="finder" error={error}>{input(draft.finder, (v) => set({ finder: v }))}</FormField>
              <FormField label={t('seizures.form.seizingOfficial')} name="seizingOfficial" error={error}>{input(draft.seizingOfficial, (v) => set({ seizingOfficial: v }))}</FormField>
              <FormField label={t('seizures.form.forensicProcessor')} name="forensicProcessor" error={error}>{input(draft.forensicProcessor, (v) => set({ forensicProcessor: v }))}</FormField>
            </div>
          </fieldset>

          <fieldset>
            <legend>{t('seizures.form.arrestees')}</legend>
            <label className="checkbox">
              <input type="checkbox" checked={draft.noArrests} onChange={(e) => set({ noArrests: e.target.checked })} />{' '}
              {t('seizures.form.noArrests')}
            </label>
            {draft.arrestees.map((a, i) => (
              <fieldset key={i} className="seizure-item">
                <legend>{t('seizures.form.arresteeN', { n: i + 1 })}</legend>
                <div className="grid-3">
                  <FormField label={t('seizures.form.fullName')} name={`arrestees.${i}.fullName`} error={error}>{input(a.fullName, (v) => setArrestee(i, { fullName: v }))}</FormField>
                  <FormField label={t('seizures.form.photoRef')} name={`arrestees.${i}.photoRef`} error={error}>{input(a.photoRef, (v) => setArrestee(i, { photoRef: v }))}</FormField>
                  <FormField label={t('seizures.form.criminalHistoryRef')} name={`arrestees.${i}.criminalHistoryRef`} error={error}>{input(a.criminalHistoryRef, (v) => setArrestee(i, { criminalHistoryRef: v }))}</FormField>
                </div>
                <button type="button" className="secondary" onClick={() => set({ arrestees: draft.arrestees.filter((_, j) => j !== i) })}>{t('seizures.form.removeArrestee', { n: i + 1 })}</button>
              </fieldset>
            ))}
            <button type="button" className="secondary" onClick={() => set({ arrestees: [...draft.arrestees, emptyArrestee()] })}>{t('seizures.form.addArrestee')}</button>
          </fieldset>

          <fieldset>
            <legend>{t('seizures.form.contacts')}</legend>
            {draft.pointsOfContact.map((p, i) => (
              <fieldset key={i} className="seizure-item">
                <legend>{t('seizures.form.contactN', { n: i + 1 })}</legend>
                <div className="grid-3">
                  <FormField label={t('seizures.form.contactName')} name={`pointsOfContact.${i}.name`} error={error}>{input(p.name, (v) => setContact(i, { name: v }))}</FormField>
                  <FormField label={t('seizures.form.contactAgency')} name={`pointsOfContact.${i}.agency`} error={error}>{input(p.agency, (v) => setContact(i, { agency: v }))}</FormField>
                  <FormField label={t('seizures.form.contactPhone')} name={`pointsOfContact.${i}.phone`} error={error}>{input(p.phone, (v) => setContact(i, { phone: v }), 'tel')}</FormField>
                </div>
                <button type="button" className="secondary" onClick={() => set({ pointsOfContact: draft.pointsOfContact.filter((_, j) => j !== i) })}>{t('seizures.form.removeContact', { n: i + 1 })}</button>
              </fieldset>
            ))}
            <button type="button" className="secondary" onClick={() => set({ pointsOfContact: [...draft.pointsOfContact, emptyContact()] })}>{t('seizures.form.addContact')}</button>
          </fieldset>
        </div>
        {aside ? <aside className="seizure-aside">{aside}</aside> : null}
      </div>
      <ProblemMessage error={error} />
      <button type="submit" disabled={pending}>{pending ? t('common.loading') : submitLabel}</button>
    </form>
  );
}
