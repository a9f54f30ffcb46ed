import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { useSeizure } from '../api/seizures';
import type { Seizure } from '../api/types';
import { useRecentTraces } from '../api/traces';
import { ElementChecklist } from '../components/element-checklist';
import { CompleteSeizure } from '../components/complete-seizure';
import { SharePanel } from '../components/share-panel';
import { TraceRequestForm } from '../components/trace-request-form';
import { TraceTable } from '../components/trace-table';
import '../seizures.css';

function SeizureTraces({ seizure }: { seizure: Seizure }) {
  const { t } = useTranslation();
  const traces = useRecentTraces();
  const mine = (traces.data?.items ?? []).filter((trace) => trace.seizureId === seizure.id);
  return (
    <section className="panel" aria-labelledby="seizure-traces">
      <h2 id="seizure-traces">{t('seizures.traces.title')}</h2>
      {seizure.access === 'OWNER' ? <TraceRequestForm seizure={seizure} /> : null}
      <QueryState isLoading={traces.isLoading} error={traces.error} isEmpty={!traces.isLoading && mine.length === 0} emptyText={t('seizures.traces.none')} />
      {mine.length > 0 ? <TraceTable traces={mine} caption={t('seizures.traces.forSeizure')} /> : null}
    </section>
  );
}

/** One seizure: its checklist, completing what is missing, sharing once all ten are present, and its traces. */
export function SeizurePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const seizure = useSeizure(id);
  const [editing, setEditing] = useState(false);
  const data = seizure.data;
  return (
    <section className="seizures-page">
      <p><Link to="/seizures">{t('seizures.page.back')}</Link></p>
      <QueryState isLoading={seizure.isLoading} error={seizure.error} />
      {data ? (
        <>
          <h1>{t('seizures.page.title', { serials: data.firearms.map((f) => f.serialNumber).join(', ') })}</h1>
          <p>
            {t('seizures.page.seizedAt')} <Time value={data.seizedAt} /> · {t('seizures.page.agency', { agency: data.owningAgency })}
            {data.caseId ? <> · <Link to={`/cases/${data.caseId}`}>{t('seizures.page.case')}</Link></> : null}
          </p>
          <div className="seizure-layout">
            <div className="seizure-fields">
              {data.access === 'OWNER' ? (
                editing
                  ? <CompleteSeizure seizure={data} onDone={() => setEditing(false)} />
                  : <button type="button" onClick={() => setEditing(true)}>{data.readyToShare ? t('seizures.page.edit') : t('seizures.page.complete')}</button>
              ) : null}
              {data.access === 'OWNER' ? <SharePanel seizure={data} /> : null}
            </div>
            <aside className="seizure-aside">
              <ElementChecklist present={data.completeness.present} title={t('seizures.checklist.title')} />
            </aside>
          </div>
          <SeizureTraces seizure={data} />
        </>
      ) : null}
    </section>
  );
}
