import L from 'leaflet';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { OfflineMap } from '../../../components/map/offline-map';
import { FormField } from '../../../components/ui/form-field';
import { QueryState } from '../../../components/ui/states';
import { Time } from '../../../components/ui/time';
import { ApiError } from '../../../lib/api-client';
import { fromLocalInput, toLocalInput } from '../../../lib/format';
import { useOperations, type OperationsMap } from '../api/operations';
import { drawOperations } from '../components/operations-layer';
import '../deconfliction.css';

const DAY = 86_400_000;

/**
 * Planned operations in a chosen window on the offline map, conflicting pairs drawn together, and the same facts as
 * tables below it for keyboard and screen-reader users. The window lives in the address (?from=&to=).
 */
export function OperationsMapPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const range = from && to ? { from, to } : null;
  const [fromInput, setFromInput] = useState(() => toLocalInput(from ? new Date(from) : new Date()));
  const [toInput, setToInput] = useState(() => toLocalInput(to ? new Date(to) : new Date(Date.now() + 30 * DAY)));
  const operations = useOperations(range);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    next.set('from', fromLocalInput(fromInput) ?? '');
    next.set('to', fromLocalInput(toInput) ?? '');
    setParams(next);
  };
  const error = operations.error instanceof ApiError ? operations.error : null;

  return (
    <section className="deconf">
      <div className="deconf-head">
        <h1>{t('deconfliction.map.title')}</h1>
        <Link to="/deconfliction/hits">{t('deconfliction.map.toQueue')}</Link>
      </div>
      <form className="row" onSubmit={submit} aria-label={t('deconfliction.map.window')}>
        <FormField label={t('deconfliction.map.from')} name="from" error={error}>
          {(props) => <input {...props} type="datetime-local" value={fromInput} onChange={(e) => setFromInput(e.target.value)} />}
        </FormField>
        <FormField label={t('deconfliction.map.to')} name="to" error={error}>
          {(props) => <input {...props} type="datetime-local" value={toInput} onChange={(e) => setToInput(e.target.value)} />}
        </FormField>
        <div className="field"><button type="submit">{t('deconfliction.map.show')}</button></div>
      </form>
      {range ? null : <p className="hint">{t('deconfliction.map.chooseWindow')}</p>}
      <QueryState isLoading={operations.isLoading} error={operations.error} />
      <OperationsLayerMap data={operations.data} />
      {operations.data ? <OperationTables data={operations.data} /> : null}
    </section>
  );
}

function OperationsLayerMap({ data }: { data: OperationsMap | undefined }) {
  const { t } = useTranslation();
  const [map, setMap] = useState<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  useEffect(() => {
    if (!map || !data || !layer.current) return;
    drawOperations(map, layer.current, data, { conflict: t('deconfliction.map.conflict') });
  }, [map, data, t]);
  return (
    <OfflineMap
      label={t('deconfliction.map.mapLabel')}
      onMap={(created) => {
        layer.current = L.layerGroup().addTo(created);
        setMap(created);
        return () => { layer.current = null; setMap(null); };
      }}
    />
  );
}

function OperationTables({ data }: { data: OperationsMap }) {
  const { t } = useTranslation();
  const byId = new Map(data.items.map((op) => [op.id, op]));
  const label = (id: string) => { const op = byId.get(id); return op ? `${op.agency} ${op.caseNumber}` : '—'; };
  return (
    <>
      <h2 id="conflicts-heading">{t('deconfliction.map.conflicts', { count: data.conflicts.length })}</h2>
      <table aria-labelledby="conflicts-heading" data-testid="conflict-table">
        <thead>
          <tr>
            <th scope="col">{t('deconfliction.map.pair')}</th>
            <th scope="col">{t('deconfliction.hit.status')}</th>
            <th scope="col">{t('deconfliction.map.hit')}</th>
          </tr>
        </thead>
        <tbody>
          {data.conflicts.length === 0 ? <tr><td colSpan={3} className="empty">{t('deconfliction.map.noConflicts')}</td></tr> : null}
          {data.conflicts.map((c) => (
            <tr key={c.hitId} className="deconf-urgent">
              <td>{c.operationIds.map(label).join(' ↔ ')}</td>
              <td>{t(`deconfliction.statuses.${c.status}`)}</td>
              <td><Link to={`/deconfliction/hits/${c.hitId}`}>{t('deconfliction.map.openConflict', { pair: c.operationIds.map(label).join(' ↔ ') })}</Link></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="operations-heading">{t('deconfliction.map.operations', { count: data.items.length })}</h2>
      <table aria-labelledby="operations-heading" data-testid="operation-table">
        <thead>
          <tr>
            <th scope="col">{t('deconfliction.hit.caseNumber')}</th>
            <th scope="col">{t('deconfliction.map.type')}</th>
            <th scope="col">{t('deconfliction.map.starts')}</th>
            <th scope="col">{t('deconfliction.map.ends')}</th>
            <th scope="col">{t('deconfliction.map.place')}</th>
            <th scope="col">{t('deconfliction.hit.contact')}</th>
            <th scope="col">{t('deconfliction.map.inConflict')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.length === 0 ? <tr><td colSpan={7} className="empty">{t('deconfliction.map.noOperations')}</td></tr> : null}
          {data.items.map((op) => (
            <tr key={op.id} className={op.hitIds.length ? 'deconf-urgent' : undefined}>
              <td>{op.agency} {op.caseNumber}</td>
              <td>{t(`deconfliction.operationTypes.${op.type}`, { defaultValue: op.type })}</td>
              <td><Time value={op.startsAt} /></td>
              <td><Time value={op.endsAt} /></td>
              <td>{t('deconfliction.map.placeValue', { lat: op.latitude.toFixed(5), lng: op.longitude.toFixed(5), radius: op.radiusMeters })}</td>
              <td>{op.agentName}{op.agentPhone ? ` · ${op.agentPhone}` : ''}</td>
              <td>{op.hitIds.length ? t('common.yes') : t('common.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
