import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePatchSeizure } from '../api/seizures';
import type { Seizure } from '../api/types';
import { bodyFrom, draftFrom } from './seizure-draft';
import { SeizureForm } from './seizure-form';

/** The seizure's form with what is stored, sent as a PATCH: the agent fills in the elements still missing. */
export function CompleteSeizure({ seizure, onDone }: { seizure: Seizure; onDone: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftFrom(seizure));
  const patch = usePatchSeizure(seizure.id, onDone);
  return (
    <section aria-labelledby="complete-seizure" className="panel">
      <h2 id="complete-seizure">{t('seizures.page.completeTitle')}</h2>
      <SeizureForm draft={draft} onChange={setDraft} mode="patch" error={patch.error} pending={patch.isPending}
        submitLabel={t('seizures.page.save')} onSubmit={() => patch.mutate(bodyFrom(draft, 'patch'))} />
      <button type="button" className="secondary" onClick={onDone}>{t('common.cancel')}</button>
    </section>
  );
}
