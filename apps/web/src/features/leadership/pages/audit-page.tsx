import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { Time } from '../../../components/ui/time';
import { fromLocalInput } from '../../../lib/format';
import { useAudit, useVerifyAudit, type AuditFilters } from '../api/get-audit';
import '../leadership.css';

interface Draft { entityId: string; actor: string; from: string; to: string }
const EMPTY: Draft = { entityId: '', actor: '', from: '', to: '' };

function filtersOf(draft: Draft): AuditFilters {
  return {
    entityId: draft.entityId.trim() || undefined, actor: draft.actor.trim() || undefined,
    from: fromLocalInput(draft.from), to: fromLocalInput(draft.to),
  };
}

/** The append-only audit trail with its filters, and the check of its hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>({});
  const audit = useAudit(filters);
  const verify = useVerifyAudit();
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(filtersOf(draft));
  };
  const field = (name: keyof Draft, type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`leadership.audit.filters.${name}`)}</label>
      <input id={`${id}-${name}`} type={type} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
    </div>
  );

  return (
    <section className="leadership">
      <h1>{t('leadership.audit.title')}</h1>
      <div className="panel verify">
        <h2>{t('leadership.audit.verifyTitle')}</h2>
        <p className="hint">{t('leadership.audit.verifyIntro')}</p>
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? t('leadership.audit.verifying') : t('leadership.audit.verify')}
        </button>
        <div role="status" className="verify-result" data-testid="audit-verify-result">
          {verify.data?.ok ? (
            <p className="ok"><span className="badge badge-ok">{t('leadership.audit.intact')}</span> {t('leadership.audit.intactDetail', { count: verify.data.entries })}</p>
          ) : null}
          {verify.data && !verify.data.ok ? (
            <div className="problem">
              <strong>{t('leadership.audit.broken')}</strong>{' '}
              {verify.data.firstBadEntry ? t('leadership.audit.firstBad', {
                seq: verify.data.firstBadEntry.seq, action: verify.data.firstBadEntry.action, reason: verify.data.firstBadEntry.reason,
              }) : null}
              {verify.data.firstBadEntry ? <> (<Time value={verify.data.firstBadEntry.at} />)</> : null}
              {' '}{t('leadership.audit.checked', { count: verify.data.entries })}
            </div>
          ) : null}
          {verify.data?.purgedThrough ? (
            <p className="hint">{t('leadership.audit.purgedThrough', { seq: verify.data.purgedThrough.seq })} <Time value={verify.data.purgedThrough.purgedAt} /></p>
          ) : null}
        </div>
        <ProblemMessage error={verify.error} />
      </div>

      <form className="row filters" onSubmit={submit} aria-label={t('leadership.audit.filters.label')}>
        {field('entityId')}
        {field('actor')}
        {field('from', 'datetime-local')}
        {field('to', 'datetime-local')}
        <div className="field"><button type="submit">{t('leadership.audit.filters.apply')}</button></div>
        <div className="field">
          <button type="button" className="secondary" onClick={() => { setDraft(EMPTY); setFilters({}); }}>{t('leadership.audit.filters.clear')}</button>
        </div>
      </form>

      <QueryState isLoading={audit.isLoading} error={audit.error} isEmpty={!audit.isLoading && !audit.error && items.length === 0} emptyText={t('leadership.audit.empty')} />
      {items.length > 0 ? (
        <div className="table-scroll" role="region" aria-label={t('leadership.audit.tableLabel')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th><th scope="col">{t('leadership.audit.at')}</th><th scope="col">{t('leadership.audit.actor')}</th>
                <th scope="col">{t('leadership.audit.action')}</th><th scope="col">{t('leadership.audit.entity')}</th>
                <th scope="col">{t('leadership.audit.details')}</th><th scope="col">{t('leadership.audit.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.seq}>
                  <td className="num">{entry.seq}</td>
                  <td><Time value={entry.at} /></td>
                  <td>{entry.actor}{entry.agency ? <span className="hint"> · {entry.agency}</span> : null}</td>
                  <td><code>{entry.action}</code></td>
                  <td>{entry.entityType}{entry.entityId ? <><br /><code className="id">{entry.entityId}</code></> : null}</td>
                  <td><code className="details">{entry.details ? JSON.stringify(entry.details) : ''}</code></td>
                  <td><code title={entry.hash}>{entry.hash.slice(0, 12)}…</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore hasMore={Boolean(audit.hasNextPage)} loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()} />
    </section>
  );
}
