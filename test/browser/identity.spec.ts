import type { Browser } from 'playwright-core';
import { http, login } from '../support/http';
import { createAccount, GOOD_PASSWORD } from '../support/identity';
import { totpCode } from '../support/totp';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Issue 19 in the console: a user enrols an authenticator app from the QR code's key, keeps the recovery codes, then
 * signs in with the password and a code computed by otplib (as the app would); an administrator disables a user.
 */
describe('identity in the console', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('enrols a second factor and signs in with a code from it', async () => {
    const account = await createAccount(['CASE_AGENT'], { prefix: 'totp' });
    const user = await openConsole(browser);
    try {
      await signIn(user.page, account.username, GOOD_PASSWORD);
      await user.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Second factor' }).click();
      await user.page.getByRole('button', { name: 'Set up an authenticator app' }).click();
      await user.page.getByRole('img', { name: 'QR code to scan with the authenticator app' }).waitFor();
      const secret = (await user.page.getByTestId('totp-secret').textContent()) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await seriousA11yViolations(user.page)).toEqual([]);
      await user.page.getByLabel(/^Code/).fill(totpCode(secret));
      await user.page.getByRole('button', { name: 'Confirm' }).click();
      const codes = user.page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
      await user.page.getByRole('heading', { name: 'Second factor active' }).waitFor();
      expect(await codes.count()).toBe(10);
      await screenshot(user.page, 'identity-recovery-codes');

      await user.page.getByRole('button', { name: 'Sign out' }).click();
      await user.page.goto('/login');
      await user.page.locator('#sign-in-username').fill(account.username);
      await user.page.locator('#sign-in-password').fill(GOOD_PASSWORD);
      await user.page.locator('form.sign-in button[type=submit]').click();
      const code = user.page.getByLabel('Code');
      await code.waitFor();
      // The confirmation spent the current step: the app's next code signs in.
      await code.fill('000000');
      await user.page.getByRole('button', { name: 'Verify' }).click();
      await user.page.getByRole('alert').filter({ hasText: 'Wrong or already used code' }).waitFor();
      await code.fill(totpCode(secret, 30));
      await user.page.getByRole('button', { name: 'Verify' }).click();
      await user.page.getByTestId('identity').filter({ hasText: account.username }).waitFor();
    } finally {
      await user.context.close();
    }
  });

  it('an administrator disables a user from the users page: their open console is signed out and they cannot sign in', async () => {
    const account = await createAccount(['CASE_AGENT'], { agency: 'CBP', prefix: 'leaver' });
    const leaver = await openConsole(browser);
    const admin = await openConsole(browser);
    try {
      await signIn(leaver.page, account.username, GOOD_PASSWORD);
      await signIn(admin.page, 'admin');
      await admin.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
      await admin.page.getByLabel('Agency').first().selectOption('CBP');
      const row = admin.page.locator(`tr[data-username="${account.username}"]`);
      await row.waitFor();
      expect(await seriousA11yViolations(admin.page)).toEqual([]);
      await row.getByRole('button', { name: `Disable ${account.username}` }).click();
      await row.getByRole('button', { name: `Enable ${account.username}` }).waitFor();
      await screenshot(admin.page, 'identity-admin-users');
      // Filtered to active users, the disabled one is gone from the list.
      await admin.page.getByLabel('Status').selectOption('ACTIVE');
      await row.waitFor({ state: 'detached' });

      const token = await login('admin');
      const listed = await http('GET', `/admin/users?agency=CBP&status=DISABLED&limit=200`, { token });
      expect(listed.body.items.map((u: { username: string }) => u.username)).toContain(account.username);
      // The leaver's console meets the refusal at its next request and asks to sign in again.
      await leaver.page.goto('/cases');
      await leaver.page.getByRole('dialog', { name: 'Your session has ended' }).waitFor();
      const again = await http('POST', '/auth/token', { body: { username: account.username, password: GOOD_PASSWORD } });
      expect(again.status).toBe(403);
    } finally {
      await leaver.context.close();
      await admin.context.close();
    }
  });
});
