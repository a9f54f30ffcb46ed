import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { RESOLUTIONS, useHit, useResolveHit, type DeskHit, type Resolution } from '../api/hits';
import { ClaimControl } from '../components/claim-control';
import { ContactLog } from '../components/contact-log';
import { DeferringCaseField } from '../components/deferring-case-field';
import { EscalationClock } from '../components/escalation-clock';
import { ReopenedNote, ReopenForm } from '../components/reopen-form';
import { matchTypeLabel, priorityOf, sideLabel } from '../components/hit-labels';
import { TierBadge } from '../components/tier-badge';
import { DeliveryLog } from '../../watch-desk/components/delivery-log';
import '../deconfliction.css';

/** One hit for the coordinator: both sides' pointers and whom to call, its clock, and the resolution form. */
export function HitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const hit = useHit(id);
  return (
    <section className="deconf">
      <p><Link to="/deconfliction/hits">{t('deconfliction.hit.back')}</Link></p>
      <QueryState isLoading={hit.isLoading} error={hit.error} />
      {hit.data ? <HitDetails hit={hit.data} /> : null}
    </section>
  );
}

function HitDetails({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  const priority = priorityOf(hit);
  return (
    <>
      <h1>{t('deconfliction.hit.title', { type: matchTypeLabel(hit.matchType, t) })}</h1>
      <dl className="deconf-facts">
        <dt>{t('deconfliction.hit.status')}</dt>
        <dd>
          <span className={`badge deconf-badge-${priority}`}>{t(`deconfliction.statuses.${hit.status}`)}</span>
          {hit.status === 'RESOLVED' ? null : <> <EscalationClock hit={hit} /></>}
        </dd>
        <dt>{t('deconfliction.hit.matchType')}</dt><dd>{matchTypeLabel(hit.matchType, t)}{hit.urgent ? ` · ${t('deconfliction.hit.urgent')}` : ''}</dd>
        {hit.tier ? <><dt>{t('deconfliction.hit.tier')}</dt><dd><TierBadge tier={hit.tier} /></dd></> : null}
        <dt>{t('deconfliction.hit.reason')}</dt><dd>{hit.reason} ({t('deconfliction.hit.score', { score: hit.score.toFixed(2) })})</dd>
        {hit.eventStartsAt ? <><dt>{t('deconfliction.queue.operationStarts')}</dt><dd><Time value={hit.eventStartsAt} /></dd></> : null}
        <dt>{t('deconfliction.queue.raised')}</dt><dd><Time value={hit.createdAt} /></dd>
      </dl>
      <ClaimControl hit={hit} />
      <div className="grid-2">
        {hit.sides.map((side, i) => (
          <section key={i} className="panel" aria-labelledby={`side-${i}`}>
            <h2 id={`side-${i}`}>{t(i === 0 ? 'deconfliction.hit.sideA' : 'deconfliction.hit.sideB', { side: sideLabel(side, t) })}</h2>
            <dl className="deconf-facts">
              <dt>{t('deconfliction.hit.agency')}</dt><dd>{side.agency}</dd>
              <dt>{t('deconfliction.hit.caseNumber')}</dt><dd>{side.caseNumber ?? t(side.lookout ? 'deconfliction.side.lookout' : 'deconfliction.side.seizure')}</dd>
              <dt>{t('deconfliction.hit.contact')}</dt><dd>{side.agentName}</dd>
              <dt>{t('deconfliction.hit.phone')}</dt>
              <dd>{side.agentPhone ? <a href={`tel:${side.agentPhone}`}>{side.agentPhone}</a> : t('deconfliction.hit.noPhone')}</dd>
              <dt>{t('deconfliction.hit.matchedValue')}</dt><dd className="deconf-value">{side.matchedValue}</dd>
            </dl>
          </section>
        ))}
      </div>
      <ContactLog hit={hit} />
      {hit.status === 'RESOLVED' ? <><ResolutionRecord hit={hit} /><ReopenForm hit={hit} /></> : <><ReopenedNote hit={hit} /><ResolveForm hit={hit} /></>}
      <DeliveryLog hitId={hit.id} />
    </>
  );
}

function ResolutionRecord({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="resolution-heading">
      <h2 id="resolution-heading">{t('deconfliction.resolve.recorded')}</h2>
      <p role="status">
        {t(`deconfliction.resolutions.${hit.resolution}`)} · {hit.resolvedBy} · <Time value={hit.resolvedAt} />
      </p>
      {hit.deferringCaseId ? (
        <p data-testid="deferring-case">
          {t('deconfliction.resolve.deferredBy', { caseNumber: hit.sides.find((s) => s.caseId === hit.deferringCaseId)?.caseNumber ?? '' })}
        </p>
      ) : null}
      <p className="deconf-note">{hit.resolutionNote}</p>
    </section>
  );
}

/** Resolution and note: what was typed stays on any failure, and the API's field errors sit under their fields. */
function ResolveForm({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  const [resolution, setResolution] = useState<Resolution | ''>('');
  const [note, setNote] = useState('');
  const [deferringCaseId, setDeferringCaseId] = useState('');
  const resolve = useResolveHit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    resolve.mutate({ id: hit.id, resolution, note, ...(resolution === 'DEFER' ? { deferringCaseId } : {}) });
  };
  return (
    <section className="panel" aria-labelledby="resolve-heading">
      <h2 id="resolve-heading">{t('deconfliction.resolve.title')}</h2>
      <form onSubmit={submit} noValidate>
        <FormField label={t('deconfliction.resolve.resolution')} name="resolution" error={resolve.error} required>
          {(props) => (
            <select {...props} value={resolution} onChange={(e) => setResolution(e.target.value as Resolution | '')}>
              <option value="">{t('deconfliction.resolve.choose')}</option>
              {RESOLUTIONS.map((r) => <option key={r} value={r}>{t(`deconfliction.resolutions.${r}`)}</option>)}
            </select>
          )}
        </FormField>
        {resolution === 'DEFER' ? <DeferringCaseField hit={hit} value={deferringCaseId} onChange={setDeferringCaseId} error={resolve.error} /> : null}
        <FormField label={t('deconfliction.resolve.note')} name="note" error={resolve.error} required hint={t('deconfliction.resolve.noteHint')}>
          {(props) => <textarea {...props} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />}
        </FormField>
        <ProblemMessage error={resolve.error} />
        <button type="submit" disabled={resolve.isPending}>{resolve.isPending ? t('deconfliction.resolve.saving') : t('deconfliction.resolve.submit')}</button>
      </form>
    </section>
  );
}
