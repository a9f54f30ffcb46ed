import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { QueryState } from '../../../components/ui/states';
import { KINDS, useAddContactPoint, useAdminAction, useAdminAgency, type AdminAgency } from '../api/admin';

/** One agency: name, country, kind; retire or reinstate; delete (refused while anything refers to it); contact points. */
export function AgencyPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const agency = useAdminAgency(code);
  const post = useAdminAction('POST');
  const remove = useAdminAction('DELETE', () => { void navigate('/admin/agencies'); });
  const removePoint = useAdminAction('DELETE');
  return (
    <section aria-labelledby="agency-title">
      <p><Link to="/admin/agencies">{t('admin.agencies.back')}</Link></p>
      <QueryState isLoading={agency.isLoading} error={agency.error} />
      {agency.data ? (
        <>
          <h1 id="agency-title">{agency.data.code} · {agency.data.name}</h1>
          <p>{t(`admin.agencyStatus.${agency.data.status}`)} · {t('admin.fields.users')}: {agency.data.users}</p>
          <EditAgency agency={agency.data} />
          <ProblemMessage error={post.error ?? remove.error} />
          <div className="row">
            <button type="button" className="secondary" onClick={() => post.mutate({ path: `/admin/agencies/${code}/${agency.data.status === 'ACTIVE' ? 'retire' : 'reinstate'}` })}>
              {agency.data.status === 'ACTIVE' ? t('admin.agencies.retire') : t('admin.agencies.reinstate')}
            </button>
            <button type="button" className="danger" onClick={() => remove.mutate({ path: `/admin/agencies/${code}` })}>{t('admin.agencies.delete')}</button>
          </div>
          <h2>{t('admin.contacts.title')}</h2>
          <ProblemMessage error={removePoint.error} />
          <ul>
            {agency.data.contactPoints?.map((p) => (
              <li key={p.id}>
                <strong>{p.label}</strong> {p.name ?? ''} {p.email ?? ''} {p.phone ?? ''}{' '}
                <button type="button" className="secondary" onClick={() => removePoint.mutate({ path: `/admin/agencies/${code}/contact-points/${p.id}` })}>
                  {t('admin.contacts.remove', { label: p.label })}
                </button>
              </li>
            ))}
          </ul>
          <AddContactPoint code={code} />
        </>
      ) : null}
    </section>
  );
}

function EditAgency({ agency }: { agency: AdminAgency }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ name: agency.name, country: agency.country, kind: agency.kind });
  const save = useAdminAction<typeof form>('PATCH');
  return (
    <form className="admin-form" noValidate aria-label={t('admin.agencies.edit')} onSubmit={(e) => { e.preventDefault(); save.mutate({ path: `/admin/agencies/${agency.code}`, body: form }); }}>
      <FormField label={t('admin.fields.name')} name="name" error={save.error} required>
        {({ required, ...props }) => (
          <input {...props} aria-required={required} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        )}
      </FormField>
      <FormField label={t('admin.fields.country')} name="country" error={save.error}>
        {(props) => (
          <select {...props} value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })}>
            {['US', 'MX', 'CA'].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        )}
      </FormField>
      <FormField label={t('admin.fields.kind')} name="kind" error={save.error}>
        {(props) => (
          <select {...props} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`admin.kinds.${k}`)}</option>)}
          </select>
        )}
      </FormField>
      {save.isSuccess ? <p role="status">{t('admin.saved')}</p> : null}
      <button type="submit" disabled={save.isPending}>{t('admin.save')}</button>
    </form>
  );
}

function AddContactPoint({ code }: { code: string }) {
  const { t } = useTranslation();
  const empty = { label: '', email: '', phone: '' };
  const [form, setForm] = useState(empty);
  const add = useAddContactPoint(code, () => setForm(empty));
  const body = { label: form.label, ...(form.email ? { email: form.email } : {}), ...(form.phone ? { phone: form.phone } : {}) };
  return (
    <form className="admin-form" noValidate aria-label={t('admin.contacts.add')} onSubmit={(e) => { e.preventDefault(); add.mutate(body); }}>
      {(['label', 'email', 'phone'] as const).map((name) => (
        <FormField key={name} label={t(`admin.contacts.${name}`)} name={name} error={add.error} required={name === 'label'}>
          {({ required, ...props }) => (
            <input {...props} aria-required={required} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
          )}
        </FormField>
      ))}
      {add.error && add.error.fieldErrors.length === 0 ? <ProblemMessage error={add.error} /> : null}
      <button type="submit" disabled={add.isPending}>{t('admin.contacts.add')}</button>
    </form>
  );
}
