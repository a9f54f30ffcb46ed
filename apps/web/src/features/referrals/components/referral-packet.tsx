import { useTranslation } from 'react-i18next';
import { Time } from '../../../components/ui/time';
import type { ReferralPacket as Packet, ReferralSender } from '../api/types';

/**
 * What the sender disclosed and whom to call: all the receiving officer may read of the case before accepting, so
 * the decision is not taken blind.
 */
export function ReferralPacket({ packet, sender }: { packet?: Packet; sender?: ReferralSender | null }) {
  const { t } = useTranslation();
  if (!packet) return null;
  const count = packet.subjects.length + packet.identifiers.length + packet.firearms.length + packet.operations.length;
  return (
    <section className="referral-packet" aria-label={t('referrals.packet.title')}>
      {sender ? (
        <p className="referral-sender" data-testid="referral-sender">
          {t('referrals.packet.contact', { name: sender.name, agency: sender.agency })}{sender.phone ? ` · ${sender.phone}` : ''}
        </p>
      ) : null}
      <h3>{t('referrals.packet.title')}</h3>
      {count === 0 && !packet.portOfEntry ? <p className="empty">{t('referrals.packet.empty')}</p> : (
        <ul className="referral-packet-items" data-testid="referral-packet">
          {packet.portOfEntry ? <li>{t('referrals.packet.portOfEntry', { port: packet.portOfEntry })}</li> : null}
          {packet.subjects.map((s) => (
            <li key={s.id}>{t(`referrals.packet.subject.${s.kind}`)}: {s.kind === 'PERSON' ? s.fullName : `${s.name ?? ''}${s.orgType ? ` (${s.orgType})` : ''}`}</li>
          ))}
          {packet.identifiers.map((i) => <li key={i.id}>{t('referrals.packet.identifier', { type: i.type })}: {i.value}{i.region ? ` (${i.region})` : ''}</li>)}
          {packet.firearms.map((f) => (
            <li key={f.id}>{t('referrals.packet.firearm')}: {f.serialNumber}{[f.make, f.model, f.caliber].filter(Boolean).length ? ` · ${[f.make, f.model, f.caliber].filter(Boolean).join(' ')}` : ''}</li>
          ))}
          {packet.operations.map((o) => (
            <li key={o.id}>{t('referrals.packet.operation', { type: o.type })}: <Time value={o.startsAt} /> – <Time value={o.endsAt} /></li>
          ))}
        </ul>
      )}
    </section>
  );
}
