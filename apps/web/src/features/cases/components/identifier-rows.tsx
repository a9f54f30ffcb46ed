import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import type { ApiError } from '../../../lib/api-client';
import { IDENTIFIER_TYPES } from '../api/types';
import { emptyIdentifier, type IdentifierDraft } from './drafts';
import { RowList } from './row-list';

interface Props { rows: IdentifierDraft[]; onChange: (rows: IdentifierDraft[]) => void; error: ApiError | null; prefix?: string }

/** Phones, plates, VINs, addresses, e-mails, serials, dealer licences: written as the source wrote them. */
export function IdentifierRows({ rows, onChange, error, prefix = 'identifiers' }: Props) {
  const { t } = useTranslation();
  return (
    <RowList
      title={t('cases.form.identifiers')} rowLabel={(i) => t('cases.form.identifierN', { n: i + 1 })} addLabel={t('cases.form.addIdentifier')}
      rows={rows} onChange={onChange} empty={emptyIdentifier}
      render={(row, i, update) => (
        <div className="row">
          <FormField label={t('cases.fields.identifierType')} name={`${prefix}.${i}.type`} error={error}>
            {(p) => (
              <select {...p} value={row.type} onChange={(e) => update({ type: e.target.value })}>
                {IDENTIFIER_TYPES.map((o) => <option key={o} value={o}>{t(`cases.identifierTypes.${o}`)}</option>)}
              </select>
            )}
          </FormField>
          <FormField label={t('cases.fields.value')} name={`${prefix}.${i}.value`} error={error} required>
            {(p) => <input {...p} value={row.value} onChange={(e) => update({ value: e.target.value })} />}
          </FormField>
          <FormField label={t('cases.fields.region')} name={`${prefix}.${i}.region`} error={error} hint={t('cases.fields.regionHint')}>
            {(p) => <input {...p} size={8} value={row.region} onChange={(e) => update({ region: e.target.value })} />}
          </FormField>
        </div>
      )}
    />
  );
}
