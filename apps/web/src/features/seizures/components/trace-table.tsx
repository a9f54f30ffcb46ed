import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { Time } from '../../../components/ui/time';
import { useSession } from '../../../lib/session';
import { useRecordTraceResult, useStartTrace, type TraceResultInput } from '../api/traces';
import { traceIsOpen, type Trace } from '../api/types';
import { formatSpan, useNow } from '../../../lib/use-now';

/** A trace's clock: time left while it runs, how long overdue once past due; the result once closed. */
export function TraceClock({ trace }: { trace: Trace }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  if (!traceIsOpen(trace)) return <span>{t('seizures.traces.closed')}</span>;
  const left = new Date(trace.dueAt).getTime() - now;
  const overdue = trace.overdue || left <= 0;
  return (
    <span className={overdue ? 'badge badge-overdue' : 'badge badge-warn'} data-overdue={overdue}>
      {overdue ? t('seizures.traces.overdueBy', { span: formatSpan(left, i18n.language) }) : t('seizures.traces.dueIn', { span: formatSpan(left, i18n.language) })}
    </span>
  );
}

function TraceResultForm({ trace }: { trace: Trace }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ status: 'COMPLETED' as TraceResultInput['status'], firstRetailDealer: '', sourceState: '', reason: '' });
  const record = useRecordTraceResult(trace.id);
  const submit = () => {
    const body: TraceResultInput = draft.status === 'COMPLETED'
      ? { status: 'COMPLETED', firstRetailDealer: draft.firstRetailDealer.trim(), sourceState: draft.sourceState.trim().toUpperCase() }
      : { status: 'UNSUCCESSFUL', reason: draft.reason.trim() };
    record.mutate(body);
  };
  return (
    <form className="trace-result-form" noValidate aria-label={t('seizures.traces.resultFor', { serial: trace.serialNumber })} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <FormField label={t('seizures.traces.outcome')} name="status" error={record.error}>
        {(props) => (
          <select {...props} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as TraceResultInput['status'] })}>
            <option value="COMPLETED">{t('seizures.traceStatus.COMPLETED')}</option>
            <option value="UNSUCCESSFUL">{t('seizures.traceStatus.UNSUCCESSFUL')}</option>
          </select>
        )}
      </FormField>
      {draft.status === 'COMPLETED' ? (
        <>
          <FormField label={t('seizures.traces.firstRetailDealer')} name="firstRetailDealer" error={record.error}>
            {(props) => <input {...props} value={draft.firstRetailDealer} onChange={(e) => setDraft({ ...draft, firstRetailDealer: e.target.value })} />}
          </FormField>
          <FormField label={t('seizures.traces.sourceState')} name="sourceState" error={record.error} hint={t('seizures.traces.sourceStateHint')}>
            {(props) => (
              <input {...props} maxLength={2} size={3} value={draft.sourceState} onChange={(e) => setDraft({ ...draft, sourceState: e.target.value })} />
            )}
          </FormField>
        </>
      ) : (
        <FormField label={t('seizures.traces.reason')} name="reason" error={record.error}>
          {(props) => <input {...props} value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />}
        </FormField>
      )}
      {record.error && record.error.fieldErrors.length === 0 ? <ProblemMessage error={record.error} /> : null}
      <button type="submit" disabled={record.isPending}>{t('seizures.traces.recordResult')}</button>
    </form>
  );
}

function TraceActions({ trace }: { trace: Trace }) {
  const { t } = useTranslation();
  const start = useStartTrace(trace.id);
  if (trace.status === 'SUBMITTED') {
    return (
      <>
        <button type="button" className="secondary" disabled={start.isPending} onClick={() => start.mutate()}
          aria-label={t('seizures.traces.startFor', { serial: trace.serialNumber })}>{t('seizures.traces.start')}</button>
        <ProblemMessage error={start.error} />
      </>
    );
  }
  if (trace.status === 'IN_PROGRESS') return <TraceResultForm trace={trace} />;
  return null;
}

function resultText(trace: Trace, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (trace.result) return t('seizures.traces.resultText', { dealer: trace.result.firstRetailDealer ?? '—', state: trace.result.sourceState ?? '—' });
  return trace.unsuccessfulReason ?? '';
}

/** Traces with their clocks; the tracing agency starts them and records the result. */
export function TraceTable({ traces, caption }: { traces: Trace[]; caption: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <table className="trace-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('seizures.traces.serial')}</th>
          <th scope="col">{t('seizures.traces.priority')}</th>
          <th scope="col">{t('seizures.traces.status')}</th>
          <th scope="col">{t('seizures.traces.clock')}</th>
          <th scope="col">{t('seizures.traces.agencies')}</th>
          <th scope="col">{t('seizures.traces.requested')}</th>
          <th scope="col">{t('seizures.traces.result')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((trace) => (
          <tr key={trace.id} data-trace-id={trace.id} data-status={trace.status}>
            <td>{trace.seizureId ? <Link to={`/seizures/${trace.seizureId}`}>{trace.serialNumber}</Link> : trace.serialNumber}</td>
            <td><span className={trace.priority === 'URGENT' ? 'badge badge-urgent' : 'badge'}>{t(`seizures.priority.${trace.priority}`)}</span></td>
            <td>{t(`seizures.traceStatus.${trace.status}`)}</td>
            <td><TraceClock trace={trace} />{traceIsOpen(trace) ? <> <span className="hint"><Time value={trace.dueAt} /></span></> : null}</td>
            <td>{t('seizures.traces.agencyPair', { from: trace.requestingAgency, to: trace.tracingAgency })}</td>
            <td><Time value={trace.createdAt} /></td>
            <td>{resultText(trace, t)}</td>
            <td>{user?.agency === trace.tracingAgency ? <TraceActions trace={trace} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
