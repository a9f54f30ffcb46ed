import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import type { ApiError } from '../../../lib/api-client';
import { OPERATION_TYPES } from '../api/types';
import { emptyOperation, type OperationDraft } from './drafts';
import { PlacePicker } from './place-picker';
import { RowList } from './row-list';

interface Props { rows: OperationDraft[]; onChange: (rows: OperationDraft[]) => void; error: ApiError | null; prefix?: string }

/**
 * Planned operations: the place picked on the map (or typed), the radius drawn around it, and the time window in the
 * user's own zone (sent with its offset). Two operations near each other in overlapping windows are an officer-safety hit.
 */
export function OperationRows({ rows, onChange, error, prefix = 'operations' }: Props) {
  const { t } = useTranslation();
  return (
    <RowList
      title={t('cases.form.operations')} rowLabel={(i) => t('cases.form.operationN', { n: i + 1 })} addLabel={t('cases.form.addOperation')}
      rows={rows} onChange={onChange} empty={emptyOperation}
      render={(row, i, update) => (
        <div className="case-operation">
          <div className="case-operation-fields">
            <FormField label={t('cases.fields.operationType')} name={`${prefix}.${i}.type`} error={error}>
              {(p) => (
                <select {...p} value={row.type} onChange={(e) => update({ type: e.target.value })}>
                  {OPERATION_TYPES.map((o) => <option key={o} value={o}>{t(`cases.operationTypes.${o}`)}</option>)}
                </select>
              )}
            </FormField>
            <div className="row">
              <FormField label={t('cases.fields.latitude')} name={`${prefix}.${i}.latitude`} error={error} required>
                {(p) => <input {...p} type="number" step="any" min={-90} max={90} value={row.latitude} onChange={(e) => update({ latitude: e.target.value })} />}
              </FormField>
              <FormField label={t('cases.fields.longitude')} name={`${prefix}.${i}.longitude`} error={error} required>
                {(p) => <input {...p} type="number" step="any" min={-180} max={180} value={row.longitude} onChange={(e) => update({ longitude: e.target.value })} />}
              </FormField>
            </div>
            <FormField label={t('cases.fields.radiusMeters')} name={`${prefix}.${i}.radiusMeters`} error={error}>
              {(p) => <input {...p} type="number" min={1} max={50000} step={1} value={row.radiusMeters} onChange={(e) => update({ radiusMeters: e.target.value })} />}
            </FormField>
            <FormField label={t('cases.fields.startsAt')} name={`${prefix}.${i}.startsAt`} error={error} required>
              {(p) => <input {...p} type="datetime-local" value={row.startsAt} onChange={(e) => update({ startsAt: e.target.value })} />}
            </FormField>
            <FormField label={t('cases.fields.endsAt')} name={`${prefix}.${i}.endsAt`} error={error} required>
              {(p) => <input {...p} type="datetime-local" value={row.endsAt} onChange={(e) => update({ endsAt: e.target.value })} />}
            </FormField>
          </div>
          <div className="case-operation-map">
            <p className="hint">{t('cases.form.mapHint')}</p>
            <PlacePicker
              label={t('cases.form.mapLabel', { row: i + 1 })} latitude={row.latitude} longitude={row.longitude}
              radiusMeters={row.radiusMeters} onPick={(latitude, longitude) => update({ latitude: String(latitude), longitude: String(longitude) })}
            />
          </div>
        </div>
      )}
    />
  );
}
