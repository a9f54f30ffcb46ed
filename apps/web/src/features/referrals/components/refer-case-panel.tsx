import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useAgencies } from '../../../lib/agencies';
import { useOpenReferral } from '../api/manual-referrals';
import { isFinal, type ReferralRequest } from '../api/types';
import { WithdrawReferral } from './withdraw-referral';
import '../referrals.css';

type Kind = keyof ReferralRequest['packet'];
/** The case as this panel needs it (the case page's detail fits): its items, to pick from, and its referrals. */
export interface ReferableCase {
  id: string; owningAgency: string;
  subjects: { id: string; kind: string; fullName?: string | null; name?: string | null }[];
  identifiers: { id: string; type: string; value: string }[];
  firearms: { id: string; serialNumber: string | null }[];
  operations: { id: string; type: string; startsAt: string | null }[];
  referrals: { id: string; toAgency: string; rule: string | null; status: string }[];
}

const KINDS: Kind[] = ['subjects', 'identifiers', 'firearms', 'operations'];
const emptyPacket = (): ReferralRequest['packet'] => ({ subjects: [], identifiers: [], firearms: [], operations: [] });

/**
 * "Refer this case": the owning agency's agent picks the agency (US, Mexican or Canadian partners) and the items to
 * disclose, one checkbox each; only those are readable by that agency before it accepts. Open referrals the case sent
 * can be withdrawn here.
 */
export function ReferCasePanel({ detail }: { detail: ReferableCase }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const [toAgency, setToAgency] = useState('');
  const [reason, setReason] = useState('');
  const [packet, setPacket] = useState(emptyPacket);
  const refer = useOpenReferral(detail.id, () => { setToAgency(''); setReason(''); setPacket(emptyPacket()); });
  const label: Record<Kind, (id: string) => string> = {
    subjects: (id) => { const s = detail.subjects.find((x) => x.id === id); return (s?.kind === 'PERSON' ? s.fullName : s?.name) ?? id; },
    identifiers: (id) => { const i = detail.identifiers.find((x) => x.id === id); return i ? `${i.type}: ${i.value}` : id; },
    firearms: (id) => detail.firearms.find((x) => x.id === id)?.serialNumber ?? id,
    operations: (id) => { const o = detail.operations.find((x) => x.id === id); return o ? `${o.type} ${o.startsAt ?? ''}` : id; },
  };
  const toggle = (kind: Kind, id: string, on: boolean) =>
    setPacket((p) => ({ ...p, [kind]: on ? [...p[kind], id] : p[kind].filter((x) => x !== id) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    refer.mutate({ toAgency, reason, packet });
  };
  const sentOpen = detail.referrals.filter((r) => !isFinal(r));

  return (
    <section className="panel refer-case" aria-labelledby="refer-case-heading">
      <h2 id="refer-case-heading">{t('referrals.refer.title')}</h2>
      {sentOpen.length > 0 ? (
        <ul className="case-item-list" aria-label={t('referrals.refer.open')}>
          {sentOpen.map((r) => (
            <li key={r.id} data-referral-id={r.id}>
              <strong>{r.toAgency}</strong> · {r.rule ?? t('referrals.card.manual')} · {t(`referrals.status.${r.status}`, { defaultValue: r.status })}{' '}
              <WithdrawReferral caseId={detail.id} referralId={r.id} toAgency={r.toAgency} />
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={submit} noValidate aria-label={t('referrals.refer.title')}>
        <div className="row">
          <FormField label={t('referrals.refer.agency')} name="toAgency" error={refer.error} required>
            {(p) => (
              <select {...p} value={toAgency} onChange={(e) => setToAgency(e.target.value)}>
                <option value="">{t('referrals.refer.chooseAgency')}</option>
                {(agencies.data ?? []).filter((a) => a.code !== detail.owningAgency).map((a) => (
                  <option key={a.code} value={a.code}>{a.code} — {a.name} ({a.country})</option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={t('referrals.refer.reason')} name="reason" error={refer.error} required>
            {(p) => <input {...p} size={40} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </FormField>
        </div>
        <fieldset className="packet-picker">
          <legend>{t('referrals.refer.packet')}</legend>
          <p className="hint">{t('referrals.refer.packetHint')}</p>
          {KINDS.map((kind) => (detail[kind].length === 0 ? null : (
            <div key={kind} className="packet-kind">
              <h3>{t(`referrals.refer.kinds.${kind}`)}</h3>
              {detail[kind].map(({ id }) => (
                <label key={id} className="packet-item">
                  <input type="checkbox" checked={packet[kind].includes(id)} onChange={(e) => toggle(kind, id, e.target.checked)} /> {label[kind](id)}
                </label>
              ))}
            </div>
          )))}
        </fieldset>
        <button type="submit" disabled={refer.isPending}>{t('referrals.refer.submit')}</button>
        <ProblemMessage error={refer.error ?? agencies.error} />
      </form>
    </section>
  );
}
