import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { SignInForm } from './sign-in-form';

/**
 * When the API refuses the token, the page underneath stays as it is (forms keep what was typed) and this dialog asks
 * to sign in again; the user then submits what they had typed.
 */
export function SessionEndedDialog() {
  const { t } = useTranslation();
  const { ended, user } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ended && dialog.current && !dialog.current.open) dialog.current.showModal();
    if (!ended && dialog.current?.open) dialog.current.close();
  }, [ended]);
  return (
    <dialog ref={dialog} aria-labelledby="session-ended-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="session-ended-title">{t('login.sessionEndedTitle')}</h2>
      <p>{t('login.sessionEndedBody')}</p>
      {ended ? <SignInForm fixedUsername={user?.username} onSignedIn={() => undefined} /> : null}
    </dialog>
  );
}
