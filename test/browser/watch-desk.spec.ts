import type { Browser } from 'playwright-core';
import { eventually, http, login, sampleCase, uniqueWord, withDb } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Issue 17 in the console: ICE's administrator sets its watch-desk contacts (a bad address is refused under its
 * field), and the coordinator reads on a hit's page what was sent about it. The shared stack has no mail server, so
 * the e-mail delivery is logged as failed, which is what the desk must see.
 */
describe('watch-desk contacts and the delivery log', () => {
  let browser: Browser;
  let ice: string; let fbi: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    [ice, fbi] = await Promise.all([login('ice.agent'), login('fbi.agent')]);
  });
  afterAll(async () => {
    await withDb((db) => db.query(`DELETE FROM watch_desk_contacts WHERE agency_code = 'ICE'`));
    await browser?.close();
  });

  it('an administrator sets the contacts, and the coordinator sees the deliveries on the hit page', async () => {
    const address = `desk-${uniqueWord()}@ice.example.org`;
    const admin = await openConsole(browser);
    try {
      await signIn(admin.page, 'admin');
      await admin.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Watch desk' }).click();
      await admin.page.getByRole('heading', { name: 'Watch-desk contacts of ICE' }).waitFor();
      await admin.page.getByLabel(/^E-mail addresses/).fill(`${address}\nnot-an-address`);
      await admin.page.getByRole('button', { name: 'Add a webhook' }).click();
      await admin.page.getByLabel(/^Webhook 1 URL/).fill('ftp://desk.ice.example.org/hook');
      await admin.page.getByLabel(/^Webhook 1 secret/).fill('a-secret-long-enough-1234');
      await admin.page.getByRole('button', { name: 'Save contacts' }).click();
      await admin.page.locator('[data-field-error="emails.1"]').waitFor();
      expect(await admin.page.locator('[data-field-error="webhooks.0.url"]').textContent()).toContain('http(s)');

      await admin.page.getByLabel(/^E-mail addresses/).fill(address);
      await admin.page.getByRole('button', { name: 'Remove webhook 1' }).click();
      await admin.page.getByRole('button', { name: 'Save contacts' }).click();
      await admin.page.getByRole('status').filter({ hasText: 'Contacts saved.' }).waitFor();
      expect(await seriousA11yViolations(admin.page)).toEqual([]);
      await screenshot(admin.page, 'watch-desk-contacts');
    } finally {
      await admin.context.close();
    }
    const stored = await http('GET', '/agencies/ICE/watch-desk', { token: await login('admin') });
    expect(stored.body).toEqual({ agency: 'ICE', emails: [address], webhooks: [] });

    // An urgent event conflict between ICE and FBI pages ICE's desk.
    const iceCase = sampleCase();
    const first = await http('POST', '/cases', { token: ice, body: iceCase });
    await eventually(() => http('GET', `/cases/${first.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    const second = await http('POST', '/cases', { token: fbi, body: sampleCase({ operations: iceCase.operations }) });
    const [hit] = (await eventually(() => http('GET', `/cases/${second.body.id}/hits`, { token: fbi }), (r) => r.body.items?.length === 1)).body.items;

    const desk = await openConsole(browser);
    try {
      await signIn(desk.page, 'coordinator');
      await desk.page.goto(`/deconfliction/hits/${hit.id}`);
      const log = desk.page.getByRole('region', { name: 'Watch-desk deliveries' });
      const row = log.getByRole('row').filter({ hasText: address });
      await row.first().waitFor();
      expect(await row.first().textContent()).toMatch(/New urgent conflict.*ICE · e-mail.*Failed \(no mail server configured/);
      expect(await seriousA11yViolations(desk.page)).toEqual([]);
      await screenshot(desk.page, 'watch-desk-delivery-log');
    } finally {
      await desk.context.close();
    }
  }, 90_000);
});
