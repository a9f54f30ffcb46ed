import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { QueryState } from '../../../components/ui/states';
import { useAgencies } from '../../../lib/agencies';
import { ROLES, useAdminAction, useCreateUser, useUsers, type UserFilter } from '../api/admin';

/** Every account, filtered by agency, role and status, a page at a time; disable and enable in place; add a user. */
export function UsersPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<UserFilter>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const users = useUsers({ ...filter, cursor: cursors[cursors.length - 1] });
  const agencies = useAgencies();
  const action = useAdminAction('POST');
  const set = (change: Partial<UserFilter>) => { setFilter((f) => ({ ...f, ...change })); setCursors([]); };
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('admin.users.title')}</h1>
      <CreateUserForm />
      <div className="filters row" role="group" aria-label={t('admin.users.filters')}>
        <label>{t('admin.fields.agency')}{' '}
          <select value={filter.agency ?? ''} onChange={(e) => set({ agency: e.target.value || undefined })}>
            <option value="">{t('admin.any')}</option>
            {agencies.data?.map((a) => <option key={a.code} value={a.code}>{a.code}</option>)}
          </select>
        </label>
        <label>{t('admin.fields.role')}{' '}
          <select value={filter.role ?? ''} onChange={(e) => set({ role: e.target.value || undefined })}>
            <option value="">{t('admin.any')}</option>
            {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`, { defaultValue: r })}</option>)}
          </select>
        </label>
        <label>{t('admin.fields.status')}{' '}
          <select value={filter.status ?? ''} onChange={(e) => set({ status: e.target.value || undefined })}>
            <option value="">{t('admin.any')}</option>
            <option value="ACTIVE">{t('admin.status.ACTIVE')}</option>
            <option value="DISABLED">{t('admin.status.DISABLED')}</option>
          </select>
        </label>
      </div>
      <ProblemMessage error={action.error} />
      <QueryState isLoading={users.isLoading} error={users.error} isEmpty={users.data?.items.length === 0} emptyText={t('admin.users.empty')} />
      {users.data && users.data.items.length > 0 ? (
        <table className="admin-table">
          <thead><tr>
            <th scope="col">{t('admin.fields.username')}</th><th scope="col">{t('admin.fields.fullName')}</th>
            <th scope="col">{t('admin.fields.agency')}</th><th scope="col">{t('admin.fields.roles')}</th>
            <th scope="col">{t('admin.fields.status')}</th><th scope="col">{t('admin.fields.secondFactor')}</th><th scope="col">{t('admin.actions')}</th>
          </tr></thead>
          <tbody>
            {users.data.items.map((u) => (
              <tr key={u.id} data-username={u.username}>
                <td><Link to={`/admin/users/${u.id}`}>{u.username}</Link></td>
                <td>{u.fullName}</td><td>{u.agency}</td>
                <td>{u.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}</td>
                <td>{t(`admin.status.${u.status}`)}</td>
                <td>{u.secondFactor ? t('admin.yes') : t('admin.no')}</td>
                <td>
                  <button type="button" className="secondary" disabled={action.isPending}
                    onClick={() => action.mutate({ path: `/admin/users/${u.id}/${u.status === 'ACTIVE' ? 'disable' : 'enable'}` })}>
                    {u.status === 'ACTIVE' ? t('admin.users.disable', { username: u.username }) : t('admin.users.enable', { username: u.username })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="row">
        {cursors.length > 0 ? <button type="button" className="secondary" onClick={() => setCursors((c) => c.slice(0, -1))}>{t('admin.previous')}</button> : null}
        {users.data?.nextCursor ? <button type="button" className="secondary" onClick={() => setCursors((c) => [...c, users.data.nextCursor as string])}>{t('admin.next')}</button> : null}
      </div>
    </section>
  );
}

function CreateUserForm() {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ username: '', agency: '', fullName: '', password: '', roles: [] as string[] });
  const create = useCreateUser(() => { setOpen(false); setForm({ username: '', agency: '', fullName: '', password: '', roles: [] }); });
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{t('admin.users.add')}</button>;
  const text = (name: 'username' | 'fullName' | 'password', type = 'text') => (
    <FormField label={t(`admin.fields.${name === 'password' ? 'firstPassword' : name}`)} name={name} error={create.error} required>
      {({ required, ...props }) => (
        <input {...props} type={type} aria-required={required} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
      )}
    </FormField>
  );
  return (
    <form className="admin-form" noValidate aria-label={t('admin.users.add')} onSubmit={(e) => { e.preventDefault(); create.mutate(form); }}>
      {text('username')}{text('fullName')}
      <FormField label={t('admin.fields.agency')} name="agency" error={create.error} required>
        {({ required, ...props }) => (
          <select {...props} aria-required={required} value={form.agency} onChange={(e) => setForm({ ...form, agency: e.target.value })}>
            <option value="">—</option>
            {agencies.data?.map((a) => <option key={a.code} value={a.code}>{a.code} · {a.name}</option>)}
          </select>
        )}
      </FormField>
      <fieldset><legend>{t('admin.fields.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="checkbox"><input type="checkbox" checked={form.roles.includes(r)}
            onChange={(e) => setForm({ ...form, roles: e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r) })} />
          {t(`roles.${r}`, { defaultValue: r })}</label>
        ))}
      </fieldset>
      {text('password', 'password')}
      {create.error && create.error.fieldErrors.length === 0 ? <ProblemMessage error={create.error} /> : null}
      <div className="row">
        <button type="submit" disabled={create.isPending}>{t('admin.users.create')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
