import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Time } from '../../../components/ui/time';
import type { ActionItem } from '../api/meetings';
import { StatusBadge } from './status-badges';
import type { ReactNode } from 'react';

/** Action items with their owner and due date; `actions` adds a cell per item (closing, on the list page). */
export function ActionItemsTable(
  { items, showSource = false, actions }: { items: ActionItem[]; showSource?: boolean; actions?: (item: ActionItem) => ReactNode },
) {
  const { t } = useTranslation();
  return (
    <table>
      <caption className="visually-hidden">{t('meetings.actionItems.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('meetings.actionItems.description')}</th><th scope="col">{t('meetings.actionItems.owner')}</th>
          <th scope="col">{t('meetings.actionItems.dueAt')}</th><th scope="col">{t('meetings.actionItems.status')}</th>
          {showSource ? <th scope="col">{t('meetings.actionItems.source')}</th> : null}
          {actions ? <th scope="col">{t('common.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>{item.description}{item.closedNote ? <div className="hint">{t('meetings.actionItems.closedNote', { note: item.closedNote })}</div> : null}</td>
            <td>{item.owner}</td>
            <td><Time value={item.dueAt} /></td>
            <td><StatusBadge kind="actionItem" status={item.status} /></td>
            {showSource ? (
              <td>{item.meetingId ? <Link to={`/meetings/${item.meetingId}`}>{t('meetings.actionItems.fromMeeting')}</Link> : item.conference}</td>
            ) : null}
            {actions ? <td>{actions(item)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
