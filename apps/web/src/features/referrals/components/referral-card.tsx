import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { Time } from '../../../components/ui/time';
import { useAcceptReferral, useAcknowledgeReferral, useDeclineReferral } from '../api/referral-actions';
import { awaitingAcknowledgement, isFinal, type Referral } from '../api/types';
import { ReferralClock } from './referral-clock';
import { ReferralPacket } from './referral-packet';

type Open = 'none' | 'accept' | 'decline';

/** One referral in the inbox: what the sender disclosed, its clock, and the steps the receiving officer may take. */
export function ReferralCard({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [open, setOpen] = useState<Open>('none');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const acknowledge = useAcknowledgeReferral(referral.id);
  const accept = useAcceptReferral(referral.id, () => setOpen('none'));
  const decline = useDeclineReferral(referral.id, () => setOpen('none'));
  const busy = acknowledge.isPending || accept.isPending || decline.isPending;
  const stepError = acknowledge.error ?? (open === 'accept' ? accept.error : null);

  return (
    <article className="referral-card panel" aria-labelledby={titleId} data-referral-id={referral.id} data-status={referral.status}>
      <header className="referral-head">
        <h2 id={titleId}>{t('referrals.card.title', { caseNumber: referral.caseNumber, rule: referral.rule ?? t('referrals.card.manual') })}</h2>
        <span className={`badge referral-status status-${referral.status.toLowerCase()}`}>{t(`referrals.status.${referral.status}`)}</span>
        <ReferralClock referral={referral} />
      </header>
      <dl className="referral-facts">
        <dt>{t('referrals.card.caseNumber')}</dt><dd>{referral.caseNumber}</dd>
        <dt>{t('referrals.card.sender')}</dt><dd>{referral.fromAgency}</dd>
        <dt>{t('referrals.card.rule')}</dt><dd>{referral.rule ? `${referral.rule} · ${t(`referrals.kind.${referral.kind}`, { defaultValue: referral.kind })}` : t('referrals.card.manual')}</dd>
        <dt>{t('referrals.card.received')}</dt><dd><Time value={referral.createdAt} /></dd>
        <dt>{t('referrals.card.reason')}</dt><dd>{referral.reason}</dd>
      </dl>
      <ReferralPacket packet={referral.packet} sender={referral.sender} />
      {referral.status === 'ACCEPTED' ? (
        <p><Link to={`/cases/${referral.caseId}`}>{t('referrals.card.openCase', { caseNumber: referral.caseNumber })}</Link></p>
      ) : null}
      {!isFinal(referral) ? (
        <div className="referral-actions">
          {awaitingAcknowledgement(referral) ? (
            <button type="button" disabled={busy} onClick={() => acknowledge.mutate()}>{t('referrals.actions.acknowledge')}</button>
          ) : null}
          <button type="button" className="secondary" aria-expanded={open === 'accept'} disabled={busy} onClick={() => setOpen(open === 'accept' ? 'none' : 'accept')}>{t('referrals.actions.accept')}</button>
          <button type="button" className="secondary" aria-expanded={open === 'decline'} disabled={busy} onClick={() => setOpen(open === 'decline' ? 'none' : 'decline')}>{t('referrals.actions.decline')}</button>
        </div>
      ) : null}
      <ProblemMessage error={stepError} />
      {open === 'accept' && !isFinal(referral) ? (
        <form className="referral-form" onSubmit={(e) => { e.preventDefault(); accept.mutate(note); }}>
          <FormField label={t('referrals.accept.note')} name="note" error={accept.error} hint={t('referrals.accept.noteHint')}>
            {(props) => <textarea {...props} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />}
          </FormField>
          <div className="row">
            <button type="submit" disabled={busy}>{t('referrals.accept.submit')}</button>
            <button type="button" className="secondary" onClick={() => setOpen('none')}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : null}
      {open === 'decline' && !isFinal(referral) ? (
        <form className="referral-form" noValidate onSubmit={(e) => { e.preventDefault(); decline.mutate(reason); }}>
          <FormField label={t('referrals.decline.reason')} name="reason" error={decline.error} required>
            {({ required, ...props }) => <textarea {...props} aria-required={required} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />}
          </FormField>
          {decline.error && decline.error.fieldErrors.length === 0 ? <ProblemMessage error={decline.error} /> : null}
          <div className="row">
            <button type="submit" className="danger" disabled={busy}>{t('referrals.decline.submit')}</button>
            <button type="button" className="secondary" onClick={() => setOpen('none')}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : null}
      <details className="referral-history">
        <summary>{t('referrals.card.history', { count: referral.history.length })}</summary>
        <ol>
          {referral.history.map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <Time value={h.at} /> · {t(`referrals.status.${h.status}`, { defaultValue: h.status })} · {h.actor}{h.agency ? ` (${h.agency})` : ''}{h.note ? ` — ${h.note}` : ''}
            </li>
          ))}
        </ol>
      </details>
    </article>
  );
}
