import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { useWithdrawReferral } from '../api/manual-referrals';

/** The sender takes a referral back (until it is accepted), saying why: the receiving agency is told. */
export function WithdrawReferral({ caseId, referralId, toAgency }: { caseId: string; referralId: string; toAgency: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useWithdrawReferral(caseId, referralId, () => setOpen(false));
  if (!open) {
    return <button type="button" className="secondary" onClick={() => setOpen(true)}>{t('referrals.withdraw.open', { agency: toAgency })}</button>;
  }
  return (
    <form className="referral-form" noValidate aria-label={t('referrals.withdraw.open', { agency: toAgency })}
      onSubmit={(e) => { e.preventDefault(); withdraw.mutate(reason); }}>
      <FormField label={t('referrals.withdraw.reason')} name="reason" error={withdraw.error} required>
        {({ required, ...props }) => <input {...props} aria-required={required} size={40} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      {withdraw.error && withdraw.error.fieldErrors.length === 0 ? <ProblemMessage error={withdraw.error} /> : null}
      <div className="row">
        <button type="submit" className="danger" disabled={withdraw.isPending}>{t('referrals.withdraw.submit')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
