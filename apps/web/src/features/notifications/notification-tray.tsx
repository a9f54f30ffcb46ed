import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { openNotificationStream, type NotificationEvent, type StreamStatus } from '../../lib/notification-stream';
import { useSession } from '../../lib/session';
import { Time } from '../../components/ui/time';
import { summaryOf } from './notification-summary';

/** Where a notification leads: its case when it names one, else its own entity's page (a check's: the check log). */
function linkFor(event: NotificationEvent): string | null {
  const caseId = event.payload?.caseId;
  if (typeof caseId === 'string') return `/cases/${caseId}`;
  if (event.entityType === 'hit') return `/deconfliction/hits/${event.entityId}`;
  if (event.entityType === 'referral') return '/referrals';
  if (event.entityType === 'meeting') return `/meetings/${event.entityId}`;
  if (event.entityType === 'action_item') return '/action-items';
  if (event.entityType === 'check' || event.entityType === 'check_alert') return '/checks';
  return null;
}

/**
 * The live tray: fed by the notification stream, which reconnects by itself and resumes where it left off. Every
 * notification also refreshes the data on screen, so a new hit appears on an open case page without a reload.
 */
export function NotificationTray() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const [items, setItems] = useState<NotificationEvent[]>([]);
  const [unread, setUnread] = useState(0);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!user) return undefined;
    return openNotificationStream({
      onNotification: (event) => {
        setItems((previous) => [event, ...previous.filter((p) => p.id !== event.id)].slice(0, 50));
        setUnread((count) => count + 1);
        void queryClient.invalidateQueries();
      },
      onStatus: setStatus,
      onSessionEnded: () => setStatus('ended'),
    });
  }, [user, queryClient]);

  return (
    <div className="tray">
      <span className={`stream-status stream-${status}`} role="status" data-stream-status={status}>{t(`notifications.status.${status}`)}</span>
      <button type="button" aria-expanded={open} aria-controls="notification-list" onClick={() => { setOpen(!open); setUnread(0); }}>
        {t('notifications.tray')}{unread > 0 ? ` · ${t('notifications.unread', { count: unread })}` : ''}
      </button>
      {open ? (
        <div id="notification-list" className="tray-panel" role="region" aria-label={t('notifications.tray')}>
          {items.length === 0 ? <p>{t('notifications.empty')}</p> : (
            <ul>
              {items.map((item) => {
                const to = linkFor(item);
                const summary = summaryOf(item, t);
                return (
                  <li key={item.id} data-notification-kind={item.kind}>
                    <strong>{t(`notifications.kinds.${item.kind}`, { defaultValue: item.kind })}</strong>{' '}
                    <Time value={item.createdAt} />{' '}
                    {to ? <Link to={to} onClick={() => setOpen(false)}>{t('notifications.open')}</Link> : null}
                    {summary ? <p className="tray-summary">{summary}</p> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
