import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useRequestTrace } from '../api/traces';
import { TRACE_PRIORITIES, type Seizure, type TracePriority } from '../api/types';

/** Asks the tracing agency to trace one of the seizure's firearms, urgently or routinely. */
export function TraceRequestForm({ seizure }: { seizure: Seizure }) {
  const { t } = useTranslation();
  const [serialNumber, setSerialNumber] = useState(seizure.firearms[0]?.serialNumber ?? '');
  const [priority, setPriority] = useState<TracePriority>('ROUTINE');
  const request = useRequestTrace(seizure.id);
  return (
    <form className="trace-request row" noValidate aria-label={t('seizures.traces.request')} onSubmit={(e) => { e.preventDefault(); request.mutate({ serialNumber, priority }); }}>
      <FormField label={t('seizures.traces.firearm')} name="serialNumber" error={request.error}>
        {(props) => (
          <select {...props} value={serialNumber} onChange={(e) => setSerialNumber(e.target.value)}>
            {seizure.firearms.map((f) => <option key={f.id} value={f.serialNumber}>{f.serialNumber}</option>)}
          </select>
        )}
      </FormField>
      <fieldset className="priority">
        <legend>{t('seizures.traces.priority')}</legend>
        {TRACE_PRIORITIES.map((p) => (
          <label key={p}><input type="radio" name="priority" value={p} checked={priority === p} onChange={() => setPriority(p)} /> {t(`seizures.priority.${p}`)}</label>
        ))}
      </fieldset>
      <button type="submit" disabled={request.isPending}>{t('seizures.traces.request')}</button>
      {request.error && request.error.fieldErrors.length === 0 ? <ProblemMessage error={request.error} /> : null}
      {request.isSuccess ? <p role="status">{t('seizures.traces.requested_ok')}</p> : null}
    </form>
  );
}
