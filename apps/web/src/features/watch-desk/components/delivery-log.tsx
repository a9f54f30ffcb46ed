import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { useDeliveries } from '../api/watch-desk';

/** On the hit's page: each attempt to page a watch desk about this hit, and what came of it (issue 17). */
export function DeliveryLog({ hitId }: { hitId: string }) {
  const { t } = useTranslation();
  const deliveries = useDeliveries(hitId);
  const items = deliveries.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">{t('watch-desk.deliveries.title')}</h2>
      <QueryState isLoading={deliveries.isLoading} error={deliveries.error} isEmpty={items.length === 0} emptyText={t('watch-desk.deliveries.empty')} />
      {items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('watch-desk.deliveries.when')}</th><th scope="col">{t('watch-desk.deliveries.event')}</th>
              <th scope="col">{t('watch-desk.deliveries.to')}</th><th scope="col">{t('watch-desk.deliveries.attempt')}</th>
              <th scope="col">{t('watch-desk.deliveries.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td><Time value={d.attemptedAt} /></td>
                <td>{t(`watch-desk.events.${d.event}`)}</td>
                <td>{d.agency} · {t(`watch-desk.channels.${d.channel}`)} · {d.address}</td>
                <td>{d.attempt}</td>
                <td>{t(`watch-desk.outcomes.${d.outcome}`)} ({d.detail})</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
