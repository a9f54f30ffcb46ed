import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreateSeizure } from '../api/seizures';
import { ElementChecklist } from '../components/element-checklist';
import { bodyFrom, draftCompleteness, emptyDraft } from '../components/seizure-draft';
import { SeizureForm } from '../components/seizure-form';
import '../seizures.css';

/** Records a seizure; it may be saved with elements missing, and the checklist follows what is typed. */
export function NewSeizurePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(emptyDraft);
  // Nothing waits for the navigation: `void` drops react-router's promise on purpose.
  const create = useCreateSeizure((created) => { void navigate(`/seizures/${created.id}`); });
  return (
    <section className="seizures-page">
      <h1>{t('seizures.new.title')}</h1>
      <p className="hint">{t('seizures.new.intro')}</p>
      <SeizureForm draft={draft} onChange={setDraft} mode="create" error={create.error} pending={create.isPending}
        submitLabel={t('seizures.new.submit')} onSubmit={() => create.mutate(bodyFrom(draft, 'create'))}
        aside={<ElementChecklist present={draftCompleteness(draft)} title={t('seizures.checklist.titleDraft')} />} />
    </section>
  );
}
