import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { QueryState } from '../../../components/ui/states';
import { KINDS, useAdminAgencies, useCreateAgency } from '../api/admin';

/** Every agency, retired ones included, and a form to add one (no migration needed). */
export function AgenciesPage() {
  const { t } = useTranslation();
  const agencies = useAdminAgencies();
  return (
    <section aria-labelledby="agencies-title">
      <h1 id="agencies-title">{t('admin.agencies.title')}</h1>
      <CreateAgencyForm />
      <QueryState isLoading={agencies.isLoading} error={agencies.error} />
      <table className="admin-table">
        <thead><tr>
          <th scope="col">{t('admin.fields.code')}</th><th scope="col">{t('admin.fields.name')}</th><th scope="col">{t('admin.fields.country')}</th>
          <th scope="col">{t('admin.fields.kind')}</th><th scope="col">{t('admin.fields.status')}</th><th scope="col">{t('admin.fields.users')}</th>
        </tr></thead>
        <tbody>
          {agencies.data?.items.map((a) => (
            <tr key={a.code}>
              <td><Link to={`/admin/agencies/${a.code}`}>{a.code}</Link></td><td>{a.name}</td><td>{a.country}</td>
              <td>{t(`admin.kinds.${a.kind}`)}</td><td>{t(`admin.agencyStatus.${a.status}`)}</td><td>{a.users}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CreateAgencyForm() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const empty = { code: '', name: '', country: 'US', kind: 'STATE' };
  const [form, setForm] = useState(empty);
  const create = useCreateAgency(() => { setOpen(false); setForm(empty); });
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{t('admin.agencies.add')}</button>;
  return (
    <form className="admin-form" noValidate aria-label={t('admin.agencies.add')} onSubmit={(e) => { e.preventDefault(); create.mutate(form); }}>
      <FormField label={t('admin.fields.code')} name="code" error={create.error} required hint={t('admin.agencies.codeHint')}>
        {({ required, ...props }) => (
          <input {...props} aria-required={required} value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value.toUpperCase() })} />
        )}
      </FormField>
      <FormField label={t('admin.fields.name')} name="name" error={create.error} required>
        {({ required, ...props }) => (
          <input {...props} aria-required={required} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        )}
      </FormField>
      <FormField label={t('admin.fields.country')} name="country" error={create.error} required>
        {(props) => (
          <select {...props} value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })}>
            {['US', 'MX', 'CA'].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        )}
      </FormField>
      <FormField label={t('admin.fields.kind')} name="kind" error={create.error} required>
        {(props) => (
          <select {...props} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`admin.kinds.${k}`)}</option>)}
          </select>
        )}
      </FormField>
      {create.error && create.error.fieldErrors.length === 0 ? <ProblemMessage error={create.error} /> : null}
      <div className="row">
        <button type="submit" disabled={create.isPending}>{t('admin.agencies.create')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
