import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TierBadge } from '../../deconfliction/components/tier-badge';
import type { CheckAnswer } from '../api/checks';

/**
 * The answer: per value met, the agency and whom to call; a name too common to answer, the API's own words (how many,
 * in which agencies' cases, and that a DOB or an identifier would decide it).
 */
export function CheckAnswerPanel({ answer }: { answer: CheckAnswer }) {
  const { t } = useTranslation();
  const ambiguous = answer.ambiguous ?? [];
  const clear = answer.matches.length === 0 && ambiguous.length === 0;
  // The answer opens below a form that may be long: focus brings it into view and has screen readers read it out.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [answer]);
  return (
    <section className="panel" aria-labelledby="check-answer-heading">
      <h2 id="check-answer-heading" ref={heading} tabIndex={-1}>{t('checks.answer.title')}</h2>
      {clear ? <p role="status" className="badge badge-ok">{t('checks.answer.clear')}</p> : null}
      {answer.matches.length > 0 ? (
        <>
          <p role="status">{t('checks.answer.met', { count: answer.matches.length })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('checks.answer.value')}</th><th scope="col">{t('checks.answer.kind')}</th>
                <th scope="col">{t('checks.answer.tier')}</th><th scope="col">{t('checks.answer.agency')}</th>
                <th scope="col">{t('checks.answer.case')}</th><th scope="col">{t('checks.answer.call')}</th>
              </tr>
            </thead>
            <tbody>
              {answer.matches.map((m) => (
                <tr key={`${m.matchType}|${m.matchedValue}|${m.counterpart.agency}|${m.counterpart.caseNumber ?? ''}`}>
                  <td>{m.matchedValue}</td>
                  <td>{t(`deconfliction.matchTypes.${m.matchType}`, { defaultValue: m.matchType })}</td>
                  <td><TierBadge tier={m.tier} /></td>
                  <td>{m.counterpart.agency}</td>
                  <td>{m.counterpart.caseNumber ?? t('checks.answer.lookout')}</td>
                  <td>{[m.counterpart.agentName, m.counterpart.agentPhone].filter(Boolean).join(' · ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {ambiguous.length > 0 ? (
        <div role="note" aria-labelledby="check-ambiguous-heading">
          <h3 id="check-ambiguous-heading">{t('checks.answer.ambiguous')}</h3>
          <ul>
            {ambiguous.map((a) => (
              <li key={a.matchedValue}>
                <strong>{a.matchedValue}</strong>: {a.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
