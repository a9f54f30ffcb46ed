import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import type { ApiError } from '../../../lib/api-client';
import { emptyFirearm, type FirearmDraft } from './drafts';
import { RowList } from './row-list';

interface Props { rows: FirearmDraft[]; onChange: (rows: FirearmDraft[]) => void; error: ApiError | null; prefix?: string }

type TextKey = 'make' | 'model' | 'caliber' | 'action' | 'importer';
const TEXT_FIELDS: TextKey[] = ['make', 'model', 'caliber', 'action', 'importer'];

/** Firearms by serial (with obliteration), make, model, caliber, action and importer. */
export function FirearmRows({ rows, onChange, error, prefix = 'firearms' }: Props) {
  const { t } = useTranslation();
  return (
    <RowList
      title={t('cases.form.firearms')} rowLabel={(i) => t('cases.form.firearmN', { n: i + 1 })} addLabel={t('cases.form.addFirearm')}
      rows={rows} onChange={onChange} empty={emptyFirearm}
      render={(row, i, update) => (
        <div className="row">
          <FormField label={t('cases.fields.serialNumber')} name={`${prefix}.${i}.serialNumber`} error={error} required>
            {(p) => <input {...p} value={row.serialNumber} onChange={(e) => update({ serialNumber: e.target.value })} />}
          </FormField>
          <label className="case-check">
            <input type="checkbox" checked={row.serialObliterated} onChange={(e) => update({ serialObliterated: e.target.checked })} />
            {t('cases.fields.serialObliterated')}
          </label>
          {TEXT_FIELDS.map((key) => (
            <FormField key={key} label={t(`cases.fields.${key}`)} name={`${prefix}.${i}.${key}`} error={error}>
              {(p) => <input {...p} size={12} value={row[key]} onChange={(e) => update({ [key]: e.target.value })} />}
            </FormField>
          ))}
        </div>
      )}
    />
  );
}
