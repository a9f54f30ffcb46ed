import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { CHECK_DIRECTIONS, useCheckLog, type CheckDirection, type CheckRecord } from '../api/checks';
import { checkerText, meetingText } from '../check-text';

/**
 * The agency's checks, and other agencies' checks that met its items: who checked which kind of item, when, and whom
 * to call about it. Values are never shown, on either side.
 */
export function CheckLog() {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<CheckDirection>('RECEIVED');
  const log = useCheckLog(direction);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="panel" aria-labelledby="check-log-heading">
      <h2 id="check-log-heading">{t('checks.log.title')}</h2>
      <label className="field">
        {t('checks.log.direction')}
        <select value={direction} onChange={(e) => setDirection(e.target.value as CheckDirection)}>
          {CHECK_DIRECTIONS.map((d) => <option key={d} value={d}>{t(`checks.log.directions.${d}`)}</option>)}
        </select>
      </label>
      <QueryState isLoading={log.isLoading} error={log.error} isEmpty={items.length === 0} emptyText={t(`checks.log.empty.${direction}`)} />
      {items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('checks.log.when')}</th><th scope="col">{t('checks.log.checker')}</th>
              <th scope="col">{t('checks.log.met')}</th>
            </tr>
          </thead>
          <tbody>{items.map((record) => <CheckRow key={record.id} record={record} />)}</tbody>
        </table>
      ) : null}
      <LoadMore hasMore={log.hasNextPage} loading={log.isFetchingNextPage} onClick={() => { void log.fetchNextPage(); }} />
    </section>
  );
}

function CheckRow({ record }: { record: CheckRecord }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td><Time value={record.checkedAt} /></td>
      <td>{checkerText(record.checker)}</td>
      <td>
        {record.matches.length === 0 ? t('checks.log.nothingMet') : (
          <ul>
            {record.matches.map((m) => (
              <li key={`${m.matchType}|${m.owner.agency}|${m.owner.caseNumber ?? 'lookout'}`}>
                {meetingText(t, { matchType: m.matchType, agency: m.owner.agency, caseNumber: m.owner.caseNumber })}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
