import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useSearchParams } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { LoadMore, QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { REVIEW_STATUSES, useDecideReview, useReviews, type Review, type ReviewPointer } from '../api/reviews';
import '../deconfliction.css';

/** A case's number, or a seizure's reference (seizures have no number): which record to ask its agency about. */
const pointerLabel = (p: ReviewPointer, t: TFunction) =>
  `${p.agency} ${p.seizureId ? t('deconfliction.reviews.seizure', { reference: p.seizureId.slice(0, 8) }) : p.caseNumber ?? ''}`.trim();

/**
 * POSSIBLE person matches, collapsed common names, and the crowds of serials an obliterated serial's readable part
 * met: no agent was paged for them. The coordinator promotes one to a hit (choosing the candidate of several) or
 * dismisses it as no conflict, with a note.
 */
export function ReviewsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'OPEN';
  const reviews = useReviews(status);
  const items = reviews.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="deconf">
      <div className="deconf-head">
        <h1>{t('deconfliction.reviews.title')}</h1>
        <Link to="/deconfliction/hits">{t('deconfliction.map.toQueue')}</Link>
      </div>
      <p className="hint">{t('deconfliction.reviews.intro')}</p>
      <label className="field">
        <span>{t('deconfliction.queue.status')}</span>
        <select value={status} onChange={(e) => setParams(new URLSearchParams({ status: e.target.value }), { replace: true })}>
          {REVIEW_STATUSES.map((s) => <option key={s} value={s}>{t(`deconfliction.reviews.statuses.${s}`)}</option>)}
        </select>
      </label>
      <QueryState isLoading={reviews.isLoading} error={reviews.error} isEmpty={reviews.isSuccess && items.length === 0} emptyText={t('deconfliction.reviews.empty')} />
      <div data-testid="reviews" data-ready={reviews.isSuccess ? 'true' : 'false'}>
        {items.map((review) => <ReviewItem key={review.id} review={review} />)}
      </div>
      <LoadMore hasMore={Boolean(reviews.hasNextPage)} loading={reviews.isFetchingNextPage} onClick={() => void reviews.fetchNextPage()} />
    </section>
  );
}

function ReviewItem({ review }: { review: Review }) {
  const { t } = useTranslation();
  const headingId = `review-${review.id}`;
  return (
    <article className="panel" aria-labelledby={headingId} data-review-id={review.id} data-kind={review.kind}>
      <h2 id={headingId}>{t(`deconfliction.reviews.kinds.${review.kind}`)}: {review.query.matchedValue} ({pointerLabel(review.query, t)})</h2>
      <p>{review.reason}</p>
      <p className="hint">{t('deconfliction.queue.raised')} <Time value={review.createdAt} /></p>
      <table className="deconf-queue">
        <thead>
          <tr>
            <th scope="col">{t('deconfliction.reviews.candidate')}</th>
            <th scope="col">{t('deconfliction.hit.caseNumber')}</th>
            <th scope="col">{t('deconfliction.hit.contact')}</th>
          </tr>
        </thead>
        <tbody>
          {review.candidates.map((c) => (
            <tr key={c.id}>
              <td>{c.matchedValue}<div className="hint">{c.reason}</div></td>
              <td>{pointerLabel(c, t)}</td>
              <td>{c.agentName}{c.agentPhone ? ` · ${c.agentPhone}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {review.status === 'OPEN' ? <DecisionForm review={review} /> : (
        <p role="status">{t(`deconfliction.reviews.statuses.${review.status}`)} · {review.decidedBy} · <Time value={review.decidedAt} /> · {review.note}</p>
      )}
    </article>
  );
}

/** Note, the candidate when there are several, and the two decisions; the API's field errors sit under their fields. */
function DecisionForm({ review }: { review: Review }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [candidate, setCandidate] = useState('');
  const decide = useDecideReview();
  const submit = (decision: 'promote' | 'dismiss') => (e: FormEvent) => {
    e.preventDefault();
    decide.mutate({ id: review.id, decision, note, candidate: candidate || undefined });
  };
  return (
    <form onSubmit={submit('promote')} noValidate>
      {review.candidates.length > 1 ? (
        <FormField label={t('deconfliction.reviews.choose')} name="candidate" error={decide.error}>
          {(props) => (
            <select {...props} value={candidate} onChange={(e) => setCandidate(e.target.value)}>
              <option value="">{t('deconfliction.reviews.chooseHint')}</option>
              {review.candidates.map((c) => <option key={c.id} value={c.id}>{c.matchedValue} · {pointerLabel(c, t)}</option>)}
            </select>
          )}
        </FormField>
      ) : null}
      <FormField label={t('deconfliction.reviews.note')} name="note" error={decide.error} required>
        {(props) => <textarea {...props} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />}
      </FormField>
      <ProblemMessage error={decide.error} />
      <div className="row">
        <button type="submit" disabled={decide.isPending}>{t('deconfliction.reviews.promote')}</button>
        <button type="button" disabled={decide.isPending} onClick={submit('dismiss')}>{t('deconfliction.reviews.dismiss')}</button>
      </div>
    </form>
  );
}
