import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useSession } from '../../../lib/session';
import { useRequestCaseFirearmTrace } from '../api/traces';
import { TRACE_PRIORITIES, type Trace, type TracePriority } from '../api/types';
import '../seizures.css';

interface Props { caseId: string; owningAgency: string; firearmId: string; serialNumber: string | null }

/**
 * "Request trace" beside a firearm of a case, for the owning agency's agents (the API refuses anyone else). Mounted in
 * the case page's firearm rows; traces live in the seizures feature.
 */
export function CaseFirearmTraceButton({ caseId, owningAgency, firearmId, serialNumber }: Props) {
  const { t } = useTranslation();
  const { user, hasRole } = useSession();
  const [priority, setPriority] = useState<TracePriority>('ROUTINE');
  const [requested, setRequested] = useState<Trace | null>(null);
  const request = useRequestCaseFirearmTrace(caseId, firearmId, setRequested);
  if (user?.agency !== owningAgency || !hasRole('CASE_AGENT')) return null;
  const serial = serialNumber ?? '—';
  if (requested) {
    return (
      <span className="case-firearm-trace" role="status">
        {t('seizures.traces.caseFirearmRequested', { priority: t(`seizures.priority.${requested.priority}`) })}{' '}
        <Link to="/traces">{t('seizures.traces.seeTraces')}</Link>
      </span>
    );
  }
  return (
    <span className="case-firearm-trace">
      <select aria-label={t('seizures.traces.caseFirearmPriorityFor', { serial })} value={priority} onChange={(e) => setPriority(e.target.value as TracePriority)}>
        {TRACE_PRIORITIES.map((p) => <option key={p} value={p}>{t(`seizures.priority.${p}`)}</option>)}
      </select>
      <button type="button" className="secondary" disabled={request.isPending} aria-label={t('seizures.traces.caseFirearmFor', { serial })}
        onClick={() => request.mutate(priority)}>{t('seizures.traces.caseFirearm')}</button>
      <ProblemMessage error={request.error} />
    </span>
  );
}
