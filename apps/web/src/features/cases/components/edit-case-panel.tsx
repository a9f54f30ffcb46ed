import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useUpdateCase, type CaseChanges } from '../api/update-case';
import type { CaseDetail } from '../api/types';

const FLAG_KEYS = ['cartelLink', 'domesticSale', 'exportSmuggling'] as const;
type FlagKey = (typeof FLAG_KEYS)[number];

interface Draft { title: string; summary: string; portOfEntry: string; leadAgent: string; flags: Record<FlagKey, boolean> }

const draftOf = (detail: CaseDetail): Draft => ({
  title: detail.title, summary: detail.summary ?? '', portOfEntry: detail.flags.portOfEntry ?? '',
  leadAgent: detail.leadAgent?.username ?? '',
  flags: Object.fromEntries(FLAG_KEYS.map((k) => [k, Boolean(detail.flags[k])])) as Record<FlagKey, boolean>,
});

/** Only what the agent changed is sent; flags go as a whole when any of them changed (the API runs the rules again). */
function changesOf(before: Draft, after: Draft): CaseChanges {
  const flagsChanged = before.portOfEntry.trim() !== after.portOfEntry.trim() || FLAG_KEYS.some((k) => before.flags[k] !== after.flags[k]);
  return {
    ...(after.title !== before.title ? { title: after.title } : {}),
    ...(after.summary !== before.summary ? { summary: after.summary.trim() ? after.summary : null } : {}),
    ...(after.leadAgent.trim() !== before.leadAgent ? { leadAgent: after.leadAgent.trim() } : {}),
    ...(flagsChanged ? { flags: { portOfEntry: after.portOfEntry.trim() || null, ...after.flags } } : {}),
  };
}

/** The owning agency's agents change title, summary, referral facts and lead agent; new facts raise their referrals. */
export function EditCasePanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const update = useUpdateCase(detail.id, () => setDraft(null));
  const set = (changes: Partial<Draft>) => setDraft((current) => (current ? { ...current, ...changes } : current));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft) update.mutate(changesOf(draftOf(detail), draft));
  };
  if (!draft) {
    return (
      <p>
        <button type="button" className="secondary" onClick={() => { update.reset(); setDraft(draftOf(detail)); }}>{t('cases.edit.open')}</button>
      </p>
    );
  }
  return (
    <section className="panel" aria-labelledby="case-edit-heading">
      <h2 id="case-edit-heading">{t('cases.edit.title')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby="case-edit-heading">
        <FormField label={t('cases.fields.title')} name="title" error={update.error} required>
          {(p) => <input {...p} size={60} value={draft.title} onChange={(e) => set({ title: e.target.value })} />}
        </FormField>
        <FormField label={t('cases.fields.summary')} name="summary" error={update.error}>
          {(p) => <textarea {...p} rows={4} value={draft.summary} onChange={(e) => set({ summary: e.target.value })} />}
        </FormField>
        <fieldset className="case-flags">
          <legend>{t('cases.form.flags')}</legend>
          <FormField label={t('cases.fields.portOfEntry')} name="flags.portOfEntry" error={update.error} hint={t('cases.fields.portOfEntryHint')}>
            {(p) => <input {...p} value={draft.portOfEntry} onChange={(e) => set({ portOfEntry: e.target.value })} />}
          </FormField>
          {FLAG_KEYS.map((key) => (
            <label key={key} className="case-check">
              <input type="checkbox" checked={draft.flags[key]} onChange={(e) => set({ flags: { ...draft.flags, [key]: e.target.checked } })} />
              {t(`cases.flags.${key}`)}
            </label>
          ))}
        </fieldset>
        <FormField label={t('cases.page.leadAgent')} name="leadAgent" error={update.error} hint={t('cases.edit.leadAgentHint')}>
          {(p) => <input {...p} value={draft.leadAgent} onChange={(e) => set({ leadAgent: e.target.value })} />}
        </FormField>
        <p className="hint">{t('cases.edit.rulesHint')}</p>
        <ProblemMessage error={update.error} />
        <div className="row">
          <button type="submit" disabled={update.isPending}>{t('cases.edit.submit')}</button>
          <button type="button" className="secondary" onClick={() => setDraft(null)}>{t('cases.edit.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
