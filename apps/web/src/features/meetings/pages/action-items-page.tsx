import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { useSession } from '../../../lib/session';
import { useActionItems, useCloseActionItem, type ActionItem, type ActionItemFilters } from '../api/meetings';
import { ActionItemsTable } from '../components/action-items-table';
import '../meetings.css';

const STATUSES = ['OPEN', 'OVERDUE', 'CLOSED'] as const;
const CLOSERS = ['MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION'];

/** Every action item the user may see, with its owner and due date; filter by status and owner, close with a note. */
export function ActionItemsPage() {
  const { t } = useTranslation();
  const id = useId();
  const { hasRole } = useSession();
  const [draft, setDraft] = useState<ActionItemFilters>({});
  const [filters, setFilters] = useState<ActionItemFilters>({});
  const list = useActionItems(filters);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ status: draft.status || undefined, owner: draft.owner?.trim() || undefined });
  };
  return (
    <section className="meetings">
      <h1>{t('meetings.actionItems.title')}</h1>
      <form className="row filters" onSubmit={submit} aria-label={t('meetings.actionItems.filter')}>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('meetings.actionItems.status')}</label>
          <select id={`${id}-status`} value={draft.status ?? ''} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('meetings.actionItems.anyStatus')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`meetings.status.actionItem.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t('meetings.actionItems.owner')}</label>
          <input id={`${id}-owner`} value={draft.owner ?? ''} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} />
        </div>
        <div className="field"><button type="submit">{t('meetings.actionItems.applyFilter')}</button></div>
      </form>
      <QueryState isLoading={list.isLoading} error={list.error} isEmpty={!list.isLoading && !list.error && items.length === 0} emptyText={t('meetings.actionItems.empty')} />
      {items.length > 0 ? (
        <ActionItemsTable items={items} showSource actions={hasRole(...CLOSERS) ? (item) => <CloseItem item={item} /> : undefined} />
      ) : null}
      <LoadMore hasMore={Boolean(list.hasNextPage)} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </section>
  );
}

function CloseItem({ item }: { item: ActionItem }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const close = useCloseActionItem(item.id);
  if (item.status === 'CLOSED') return null;
  if (!open) return <button type="button" className="secondary" onClick={() => setOpen(true)}>{t('meetings.actionItems.close')}</button>;
  return (
    <form className="close-item" onSubmit={(e) => { e.preventDefault(); close.mutate(note); }}>
      <label htmlFor={`${id}-note`}>{t('meetings.actionItems.closeNote')}</label>
      <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={Boolean(close.error?.forField('note'))} />
      {close.error?.forField('note') ? <div className="field-error">{close.error.forField('note')}</div> : null}
      <ProblemMessage error={close.error && !close.error.forField('note') ? close.error : null} />
      <div className="row">
        <button type="submit" disabled={close.isPending}>{t('meetings.actionItems.confirmClose')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
