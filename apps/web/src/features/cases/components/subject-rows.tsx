import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import type { ApiError } from '../../../lib/api-client';
import { ORG_TYPES } from '../api/types';
import { emptySubject, type SubjectDraft } from './drafts';
import { RowList } from './row-list';

interface Props { rows: SubjectDraft[]; onChange: (rows: SubjectDraft[]) => void; error: ApiError | null; prefix?: string }

/** Persons (name, date of birth, nationality) and organizations (name, type); a DTO counts as a cartel link. */
export function SubjectRows({ rows, onChange, error, prefix = 'subjects' }: Props) {
  const { t } = useTranslation();
  return (
    <RowList
      title={t('cases.form.subjects')} rowLabel={(i) => t('cases.form.subjectN', { n: i + 1 })} addLabel={t('cases.form.addSubject')}
      rows={rows} onChange={onChange} empty={emptySubject}
      render={(row, i, update) => (
        <div className="row">
          <FormField label={t('cases.fields.subjectKind')} name={`${prefix}.${i}.kind`} error={error}>
            {(p) => (
              <select {...p} value={row.kind} onChange={(e) => update({ kind: e.target.value as SubjectDraft['kind'] })}>
                <option value="PERSON">{t('cases.subjectKinds.PERSON')}</option>
                <option value="ORGANIZATION">{t('cases.subjectKinds.ORGANIZATION')}</option>
              </select>
            )}
          </FormField>
          {row.kind === 'PERSON' ? (
            <>
              <FormField label={t('cases.fields.fullName')} name={`${prefix}.${i}.fullName`} error={error} required>
                {(p) => <input {...p} value={row.fullName} onChange={(e) => update({ fullName: e.target.value })} />}
              </FormField>
              <FormField label={t('cases.fields.dateOfBirth')} name={`${prefix}.${i}.dateOfBirth`} error={error}>
                {(p) => <input {...p} type="date" value={row.dateOfBirth} onChange={(e) => update({ dateOfBirth: e.target.value })} />}
              </FormField>
              <FormField label={t('cases.fields.nationality')} name={`${prefix}.${i}.nationality`} error={error}>
                {(p) => <input {...p} size={8} value={row.nationality} onChange={(e) => update({ nationality: e.target.value })} />}
              </FormField>
              <FormField label={t('cases.fields.aliases')} hint={t('cases.fields.onePerLine')} name={`${prefix}.${i}.aliases`} error={error}>
                {(p) => <textarea {...p} rows={2} value={row.aliases} onChange={(e) => update({ aliases: e.target.value })} />}
              </FormField>
              <FormField label={t('cases.fields.monikers')} hint={t('cases.fields.monikersHint')} name={`${prefix}.${i}.monikers`} error={error}>
                {(p) => <textarea {...p} rows={2} value={row.monikers} onChange={(e) => update({ monikers: e.target.value })} />}
              </FormField>
            </>
          ) : (
            <>
              <FormField label={t('cases.fields.orgName')} name={`${prefix}.${i}.name`} error={error} required>
                {(p) => <input {...p} value={row.name} onChange={(e) => update({ name: e.target.value })} />}
              </FormField>
              <FormField label={t('cases.fields.orgType')} name={`${prefix}.${i}.orgType`} error={error}>
                {(p) => (
                  <select {...p} value={row.orgType} onChange={(e) => update({ orgType: e.target.value })}>
                    {ORG_TYPES.map((o) => <option key={o} value={o}>{t(`cases.orgTypes.${o}`)}</option>)}
                  </select>
                )}
              </FormField>
              <FormField label={t('cases.fields.orgAliases')} hint={t('cases.fields.onePerLine')} name={`${prefix}.${i}.aliases`} error={error}>
                {(p) => <textarea {...p} rows={2} value={row.aliases} onChange={(e) => update({ aliases: e.target.value })} />}
              </FormField>
            </>
          )}
        </div>
      )}
    />
  );
}
