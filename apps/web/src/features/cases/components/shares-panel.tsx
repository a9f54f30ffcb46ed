import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { Time } from '../../../components/ui/time';
import { useAgencies } from '../../../lib/agencies';
import { useSession } from '../../../lib/session';
import { useRevokeShare, useShareCase } from '../api/case-mutations';
import type { Share } from '../api/types';

/** Whom the owning agency lets read the whole case, why, and the controls to grant or revoke; every change is audited. */
export function SharesPanel({ caseId, shares, canChange }: { caseId: string; shares: Share[]; canChange: boolean }) {
  const { t } = useTranslation();
  const [agency, setAgency] = useState('');
  const [reason, setReason] = useState('');
  const { user } = useSession();
  const agencies = useAgencies();
  const others = (agencies.data ?? []).filter((a) => a.code !== user?.agency && !shares.some((granted) => granted.agency === a.code));
  const share = useShareCase(caseId, () => { setAgency(''); setReason(''); });
  const revoke = useRevokeShare(caseId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    share.mutate({ agency, reason });
  };
  return (
    <section className="panel" aria-labelledby="case-shares-heading">
      <h2 id="case-shares-heading">{t('cases.shares.title')}</h2>
      {shares.length === 0 ? <p className="empty">{t('cases.shares.empty')}</p> : (
        <ul className="case-item-list">
          {shares.map((s) => (
            <li key={s.agency}>
              <strong>{s.agency}</strong> · {s.reason} · {t('cases.shares.grantedBy', { user: s.grantedBy })} <Time value={s.grantedAt} />{' '}
              {canChange ? (
                <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(s.agency)}>
                  {t('cases.shares.revoke', { agency: s.agency })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage error={revoke.error} />
      {canChange ? (
        <form onSubmit={submit} noValidate aria-label={t('cases.shares.add')}>
          <div className="row">
            <FormField label={t('cases.shares.agency')} name="agency" error={share.error} required>
              {(p) => (
                <select {...p} value={agency} onChange={(e) => setAgency(e.target.value)}>
                  <option value="">{t('cases.shares.chooseAgency')}</option>
                  {others.map((a) => <option key={a.code} value={a.code}>{a.code} — {a.name}</option>)}
                </select>
              )}
            </FormField>
            <FormField label={t('cases.shares.reason')} name="reason" error={share.error} required>
              {(p) => <input {...p} size={40} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </FormField>
            <button type="submit" disabled={share.isPending}>{t('cases.shares.add')}</button>
          </div>
          <ProblemMessage error={share.error ?? agencies.error} />
        </form>
      ) : null}
    </section>
  );
}
