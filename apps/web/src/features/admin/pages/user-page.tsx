import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FormField } from '../../../components/ui/form-field';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { QueryState } from '../../../components/ui/states';
import { useAgencies } from '../../../lib/agencies';
import { ROLES, useAdminAction, useSessions, useUser, type AdminUser } from '../api/admin';

/** One account: roles and agency, password and second-factor resets, unlock, enable/disable, open sessions. */
export function UserPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser(id);
  const sessions = useSessions(id);
  const post = useAdminAction('POST');
  const revoke = useAdminAction('DELETE');
  return (
    <section aria-labelledby="user-title">
      <p><Link to="/admin/users">{t('admin.users.back')}</Link></p>
      <QueryState isLoading={user.isLoading} error={user.error} />
      {user.data ? (
        <>
          <h1 id="user-title">{user.data.username}</h1>
          <p>{user.data.fullName} · {user.data.agency} · {t(`admin.status.${user.data.status}`)} · {t('admin.fields.secondFactor')}: {user.data.secondFactor ? t('admin.yes') : t('admin.no')}</p>
          <EditUser user={user.data} />
          <ResetPassword id={id} />
          <ProblemMessage error={post.error} />
          <div className="row">
            <button type="button" className="secondary" onClick={() => post.mutate({ path: `/admin/users/${id}/${user.data.status === 'ACTIVE' ? 'disable' : 'enable'}` })}>
              {user.data.status === 'ACTIVE' ? t('admin.users.disable', { username: user.data.username }) : t('admin.users.enable', { username: user.data.username })}
            </button>
            <button type="button" className="secondary" onClick={() => post.mutate({ path: `/admin/users/${id}/reset-second-factor` })}>{t('admin.users.resetFactor')}</button>
            <button type="button" className="secondary" onClick={() => post.mutate({ path: `/admin/users/${id}/unlock` })}>{t('admin.users.unlock')}</button>
          </div>
          <h2>{t('admin.sessions.title')}</h2>
          <ProblemMessage error={revoke.error} />
          <QueryState isLoading={sessions.isLoading} error={sessions.error} isEmpty={sessions.data?.items.length === 0} emptyText={t('admin.sessions.empty')} />
          <ul>
            {sessions.data?.items.map((s) => (
              <li key={s.id}>
                {t('admin.sessions.opened', { at: new Date(s.createdAt).toLocaleString(), ip: s.ip ?? '?' })}{' '}
                <button type="button" className="secondary" onClick={() => revoke.mutate({ path: `/admin/users/${id}/sessions/${s.id}` })}>{t('admin.sessions.revoke')}</button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function EditUser({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const [roles, setRoles] = useState(user.roles);
  const [agency, setAgency] = useState(user.agency);
  const save = useAdminAction<{ roles: string[]; agency: string }>('PATCH');
  return (
    <form className="admin-form" noValidate aria-label={t('admin.users.edit')} onSubmit={(e) => { e.preventDefault(); save.mutate({ path: `/admin/users/${user.id}`, body: { roles, agency } }); }}>
      <FormField label={t('admin.fields.agency')} name="agency" error={save.error}>
        {(props) => (
          <select {...props} value={agency} onChange={(e) => setAgency(e.target.value)}>
            {agencies.data?.map((a) => <option key={a.code} value={a.code}>{a.code}</option>)}
          </select>
        )}
      </FormField>
      <fieldset><legend>{t('admin.fields.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="checkbox"><input type="checkbox" checked={roles.includes(r)}
            onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
          {t(`roles.${r}`, { defaultValue: r })}</label>
        ))}
      </fieldset>
      {save.error && save.error.fieldErrors.length === 0 ? <ProblemMessage error={save.error} /> : null}
      {save.isSuccess ? <p role="status">{t('admin.saved')}</p> : null}
      <button type="submit" disabled={save.isPending}>{t('admin.save')}</button>
    </form>
  );
}

function ResetPassword({ id }: { id: string }) {
  const { t } = useTranslation();
  const [temporaryPassword, setPassword] = useState('');
  const reset = useAdminAction<{ temporaryPassword: string }>('POST', () => setPassword(''));
  return (
    <form className="admin-form" noValidate aria-label={t('admin.users.resetPassword')} onSubmit={(e) => { e.preventDefault(); reset.mutate({ path: `/admin/users/${id}/reset-password`, body: { temporaryPassword } }); }}>
      <FormField label={t('admin.fields.temporaryPassword')} name="temporaryPassword" error={reset.error} required>
        {({ required, ...props }) => <input {...props} type="password" autoComplete="new-password" aria-required={required} value={temporaryPassword} onChange={(e) => setPassword(e.target.value)} />}
      </FormField>
      {reset.isSuccess ? <p role="status">{t('admin.users.passwordReset')}</p> : null}
      <button type="submit" disabled={reset.isPending}>{t('admin.users.resetPassword')}</button>
    </form>
  );
}
