import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { HIT_STATUSES, MATCH_TYPES, TIERS, useHitQueue, type DeskHit } from '../api/hits';
import { useAgencies } from '../../../lib/agencies';
import { CLAIMED_FILTERS } from '../api/hit-work';
import { ClaimControl } from '../components/claim-control';
import { EscalationClock } from '../components/escalation-clock';
import { matchTypeLabel, priorityOf, sideLabel } from '../components/hit-labels';
import { TierBadge } from '../components/tier-badge';
import '../deconfliction.css';

/**
 * The coordinator's live queue, in the API's order: open event conflicts first (soonest operation first) with the time
 * left before they escalate, then escalated hits, then the rest oldest first. Filters live in the address, so a
 * filtered queue can be bookmarked and survives a reload.
 */
export function HitQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? undefined, matchType: params.get('matchType') ?? undefined, tier: params.get('tier') ?? undefined,
    agency: params.get('agency') ?? undefined, claimed: params.get('claimed') ?? undefined,
  };
  const agencies = useAgencies().data ?? [];
  const queue = useHitQueue(filters);
  const hits = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value); else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <section className="deconf">
      <div className="deconf-head">
        <h1>{t('deconfliction.queue.title')}</h1>
        <Link to="/deconfliction/operations">{t('deconfliction.queue.toMap')}</Link>
      </div>
      <p className="hint">{t('deconfliction.queue.intro')}</p>
      <form className="row deconf-filters" aria-label={t('deconfliction.queue.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('deconfliction.queue.status')}</span>
          <select value={filters.status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t('deconfliction.queue.any')}</option>
            {HIT_STATUSES.map((s) => <option key={s} value={s}>{t(`deconfliction.statuses.${s}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('deconfliction.queue.matchType')}</span>
          <select value={filters.matchType ?? ''} onChange={(e) => setFilter('matchType', e.target.value)}>
            <option value="">{t('deconfliction.queue.any')}</option>
            {MATCH_TYPES.map((m) => <option key={m} value={m}>{matchTypeLabel(m, t)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('deconfliction.queue.tier')}</span>
          <select value={filters.tier ?? ''} onChange={(e) => setFilter('tier', e.target.value)}>
            <option value="">{t('deconfliction.queue.any')}</option>
            {TIERS.map((tier) => <option key={tier} value={tier}>{t(`deconfliction.tiers.${tier}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('deconfliction.queue.agency')}</span>
          <select value={filters.agency ?? ''} onChange={(e) => setFilter('agency', e.target.value)}>
            <option value="">{t('deconfliction.queue.any')}</option>
            {agencies.map((a) => <option key={a.code} value={a.code}>{a.code}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('deconfliction.queue.claimed')}</span>
          <select value={filters.claimed ?? ''} onChange={(e) => setFilter('claimed', e.target.value)}>
            <option value="">{t('deconfliction.queue.any')}</option>
            {CLAIMED_FILTERS.map((c) => <option key={c} value={c}>{t(`deconfliction.queue.claimedFilter.${c}`)}</option>)}
          </select>
        </label>
      </form>
      <QueryState isLoading={queue.isLoading} error={queue.error} />
      {queue.isSuccess ? (
        <table className="deconf-queue" data-testid="hit-queue" data-ready="true" aria-label={t('deconfliction.queue.title')}>
          <thead>
            <tr>
              <th scope="col">{t('deconfliction.queue.priority')}</th>
              <th scope="col">{t('deconfliction.queue.hit')}</th>
              <th scope="col">{t('deconfliction.queue.sides')}</th>
              <th scope="col">{t('deconfliction.queue.clock')}</th>
              <th scope="col">{t('deconfliction.queue.holder')}</th>
              <th scope="col">{t('deconfliction.queue.when')}</th>
            </tr>
          </thead>
          <tbody>
            {hits.length === 0 ? (
              <tr><td colSpan={6} className="empty">{t('deconfliction.queue.empty')}</td></tr>
            ) : hits.map((hit) => <QueueRow key={hit.id} hit={hit} />)}
          </tbody>
        </table>
      ) : null}
      <LoadMore hasMore={Boolean(queue.hasNextPage)} loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()} />
    </section>
  );
}

function QueueRow({ hit }: { hit: DeskHit }) {
  const { t } = useTranslation();
  const priority = priorityOf(hit);
  const [a, b] = hit.sides;
  return (
    <tr className={`deconf-row deconf-${priority}`} data-hit-id={hit.id}>
      <td><span className={`badge deconf-badge-${priority}`}>{t(`deconfliction.priority.${priority}`)}</span></td>
      <td>
        <Link to={`/deconfliction/hits/${hit.id}`}>
          {t('deconfliction.queue.openHit', { type: matchTypeLabel(hit.matchType, t), a: sideLabel(a, t), b: sideLabel(b, t) })}
        </Link>
        {' '}<TierBadge tier={hit.tier} />
      </td>
      <td>
        <ul className="deconf-sides">
          {hit.sides.map((side, i) => (
            <li key={i}>{sideLabel(side, t)} · {side.agentName}{side.agentPhone ? ` · ${side.agentPhone}` : ''}</li>
          ))}
        </ul>
      </td>
      <td><EscalationClock hit={hit} /></td>
      <td><ClaimControl hit={hit} /></td>
      <td>
        {hit.eventStartsAt ? <div>{t('deconfliction.queue.operationStarts')} <Time value={hit.eventStartsAt} /></div> : null}
        <div className="hint">{t('deconfliction.queue.raised')} <Time value={hit.createdAt} /></div>
      </td>
    </tr>
  );
}
