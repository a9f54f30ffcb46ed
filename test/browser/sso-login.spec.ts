import type { Browser } from 'playwright-core';
import { withDb } from '../support/http';
import { OidcStack } from '../support/oidc-stack';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Issue 19: a person signs in to the console through their agency's OpenID provider (a real oidc-provider process,
 * test/support/oidc-stack.ts): the SSO button, the provider's own sign-in form, back to the console signed in. The
 * provider speaking for an agency it may not is refused on the page, in the person's language; where single sign-on is
 * not configured the page shows no such button and the password path works.
 */
describe('console sign-in through an agency provider', () => {
  let browser: Browser;
  let sso: OidcStack;
  beforeAll(async () => {
    browser = await launchBrowser();
    sso = await OidcStack.start('api-sso-browser');
  });
  afterAll(async () => {
    await browser?.close();
    await sso?.stop();
  });

  const throughProvider = async (login: string, locale = 'en-US') => {
    const user = await openConsole(browser, { baseURL: sso.api.url, locale });
    await user.page.goto('/login?next=/cases');
    const button = user.page.getByRole('link', { name: /Agency sign-in \(test\)/ });
    await button.waitFor();
    return { user, button, fillProviderForm: async () => {
      await user.page.locator('input[name=login]').fill(login);
      await user.page.locator('input[name=password]').fill('any password: the test provider takes any');
      await user.page.locator('button[type=submit]').click();
    } };
  };

  it('signs in with the SSO button and the provider\'s form, landing signed in where sign-in began', async () => {
    const { user, button, fillProviderForm } = await throughProvider('fbi.sso');
    try {
      expect(await seriousA11yViolations(user.page)).toEqual([]);
      await screenshot(user.page, 'sso-sign-in');
      await button.click();
      await user.page.waitForURL((url) => url.origin === sso.issuer);
      await fillProviderForm();
      const identity = user.page.getByTestId('identity');
      await identity.waitFor();
      expect(await identity.textContent()).toContain('test-idp:fbi.sso');
      expect(await identity.textContent()).toContain('FBI');
      expect(new URL(user.page.url()).pathname).toBe('/cases');
      // The session is this installation's: it survives a reload and the case list answers.
      await user.page.reload();
      await user.page.getByTestId('identity').waitFor();
    } finally {
      await user.context.close();
    }
    const logins = await withDb(async (db) => (await db.query(
      `SELECT details FROM audit_log WHERE action = 'auth.login' AND actor = 'test-idp:fbi.sso'`)).rows);
    expect(logins).toEqual([{ details: expect.objectContaining({ via: 'sso', issuer: 'test-idp' }) }]);
    // Opened as a password sign-in's session is (SessionIssuer): it records the address it was opened from.
    const sessions = await withDb(async (db) => (await db.query(
      `SELECT s.ip, s.scope FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'test-idp:fbi.sso'`)).rows);
    expect(sessions).toEqual([{ ip: expect.stringMatching(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/), scope: null }]);
  });

  it('shows the refusal, in Spanish, when the provider speaks for an agency it may not', async () => {
    const { user, button, fillProviderForm } = await throughProvider('atf.sso', 'es-MX');
    try {
      await button.click();
      await user.page.waitForURL((url) => url.origin === sso.issuer);
      await fillProviderForm();
      const alert = user.page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('El proveedor de identidad test-idp no puede hablar en nombre de la agencia ATF.');
      expect(await user.page.getByTestId('identity').count()).toBe(0);
      await user.page.getByRole('link', { name: 'Volver al inicio de sesión' }).waitFor();
    } finally {
      await user.context.close();
    }
    const provisioned = await withDb(async (db) => (await db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'test-idp:atf.sso'`)).rows[0].n);
    expect(provisioned).toBe(0);
  });

  it('refuses a person disabled here, whatever the provider says', async () => {
    await withDb((db) => db.query(`UPDATE users SET disabled_at = now() WHERE username = 'test-idp:fbi.sso'`));
    const { user, button, fillProviderForm } = await throughProvider('fbi.sso');
    try {
      await button.click();
      await user.page.waitForURL((url) => url.origin === sso.issuer);
      await fillProviderForm();
      const alert = user.page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('This account is disabled here; ask an administrator.');
      expect(await user.page.getByTestId('identity').count()).toBe(0);
    } finally {
      await user.context.close();
      await withDb((db) => db.query(`UPDATE users SET disabled_at = NULL WHERE username = 'test-idp:fbi.sso'`));
    }
  });

  it('shows no SSO button where single sign-on is not configured, and the password still signs in', async () => {
    const user = await openConsole(browser);
    try {
      await signIn(user.page, 'fbi.agent');
      await user.page.getByRole('button', { name: 'Sign out' }).click();
      await user.page.locator('#sign-in-username').waitFor();
      expect(await user.page.getByRole('link', { name: /Sign in with/ }).count()).toBe(0);
    } finally {
      await user.context.close();
    }
  });
});
