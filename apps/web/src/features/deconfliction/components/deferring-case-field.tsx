import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import type { ApiError } from '../../../lib/api-client';
import type { DeskHit } from '../api/hits';

/** DEFER asks which of the hit's cases stands down (issue 17); its agent is the one told. */
export function DeferringCaseField({ hit, value, onChange, error }: {
  hit: DeskHit; value: string; onChange: (caseId: string) => void; error: ApiError | null;
}) {
  const { t } = useTranslation();
  const cases = hit.sides.filter((s) => s.caseId !== null);
  return (
    <FormField label={t('deconfliction.resolve.deferringCase')} name="deferringCaseId" error={error} hint={t('deconfliction.resolve.deferringHint')}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('deconfliction.resolve.deferringNone')}</option>
          {cases.map((s) => (
            <option key={s.caseId} value={s.caseId ?? ''}>{t('deconfliction.resolve.deferringOption', { agency: s.agency, caseNumber: s.caseNumber ?? '' })}</option>
          ))}
        </select>
      )}
    </FormField>
  );
}
