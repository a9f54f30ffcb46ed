import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useShareSeizure } from '../api/seizures';
import type { Seizure } from '../api/types';

/**
 * Sharing with partner agencies. The API refuses while any of the ten elements is missing; the panel says so before
 * the agent tries, and shows the API's own refusal (with what is missing) if they do.
 */
export function SharePanel({ seizure }: { seizure: Seizure }) {
  const { t } = useTranslation();
  const [agencies, setAgencies] = useState('PGR');
  const share = useShareSeizure(seizure.id);
  const missing = seizure.completeness.missing;
  const codes = agencies.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean);
  return (
    <section className="panel share-panel" aria-labelledby="share-seizure">
      <h2 id="share-seizure">{t('seizures.share.title')}</h2>
      {seizure.sharedWith && seizure.sharedWith.length > 0 ? <p role="status">{t('seizures.share.sharedWith', { agencies: seizure.sharedWith.join(', ') })}</p> : null}
      {missing.length > 0 ? (
        <div id="share-blocked" className="share-blocked">
          <p>{t('seizures.share.blocked', { count: missing.length })}</p>
          <ul aria-label={t('seizures.share.missingList')}>
            {missing.map((element) => <li key={element}>{t(`seizures.elements.${element}`)}</li>)}
          </ul>
        </div>
      ) : <p>{t('seizures.share.ready')}</p>}
      <form noValidate onSubmit={(e) => { e.preventDefault(); share.mutate(codes); }}>
        <FormField label={t('seizures.share.agencies')} name="agencies" error={share.error} hint={t('seizures.share.agenciesHint')}>
          {(props) => <input {...props} value={agencies} onChange={(e) => setAgencies(e.target.value)} />}
        </FormField>
        <button type="submit" disabled={share.isPending} aria-describedby={missing.length > 0 ? 'share-blocked' : undefined}>{t('seizures.share.submit')}</button>
      </form>
      <ProblemMessage error={share.error} />
    </section>
  );
}
