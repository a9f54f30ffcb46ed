import type { Browser, Page } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Journey 3 (issue 14): a case with a port of entry raises R1 to CBP; the CBP officer finds it in the inbox,
 * acknowledges and accepts it, and the case becomes readable for CBP. The sending side is set up over the API.
 */
describe('journey 3: the R1 referral worked in the CBP inbox', () => {
  let browser: Browser;
  let atf: string; let cbp: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    [atf, cbp] = await Promise.all([login('atf.agent'), login('cbp.officer')]);
  });
  afterAll(async () => { await browser?.close(); });

  /** An ATF case through a port of entry: R1 refers it to CBP for interdiction. */
  async function portOfEntryCase(port: string) {
    const created = await http('POST', '/cases', { token: atf, body: { title: `Rifles via ${port} ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', flags: { portOfEntry: port } } });
    expect(created.status).toBe(201);
    // The inbox lists a referral once its workflow runs (no longer `starting`), so the officer can act on it at once.
    const referrals = await eventually(() => http('GET', `/cases/${created.body.id}/referrals`, { token: atf }),
      (r) => r.body.items?.length === 1 && r.body.items[0].starting === false);
    expect(referrals.body.items[0]).toMatchObject({ rule: 'R1', toAgency: 'CBP', status: 'SENT' });
    return { id: created.body.id as string, caseNumber: created.body.caseNumber as string };
  }

  async function openInboxAt(page: Page, caseNumber: string) {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Referral inbox' }).click();
    await page.getByRole('heading', { name: 'Referral inbox', level: 1 }).waitFor();
    await page.getByLabel('Case number').fill(caseNumber);
    await page.getByRole('button', { name: 'Find' }).click();
    const card = page.getByRole('article', { name: new RegExp(`Case ${caseNumber}`) });
    await card.waitFor();
    return card;
  }

  it('acknowledges and accepts the referral in the browser, after which CBP reads the case', async () => {
    const owned = await portOfEntryCase('Laredo, TX');
    expect((await http('GET', `/cases/${owned.id}`, { token: cbp })).status).toBe(404);

    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'cbp.officer');
      const card = await openInboxAt(page, owned.caseNumber);
      await expect(card.textContent()).resolves.toContain('involves the port of entry Laredo, TX');
      await expect(card.getByText('ATF', { exact: true }).count()).resolves.toBe(1);
      await card.getByText(/Acknowledgement due in/).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'referral-inbox');

      await card.getByRole('button', { name: 'Acknowledge' }).click();
      await page.locator(`article[data-status="ACKNOWLEDGED"]`).filter({ hasText: owned.caseNumber }).waitFor();
      await card.getByRole('button', { name: 'Accept…' }).click();
      await card.getByLabel('Note').fill('Port team will interdict at Laredo');
      await card.getByRole('button', { name: 'Accept referral' }).click();
      const link = card.getByRole('link', { name: `Open case ${owned.caseNumber}` });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`/cases/${owned.id}`);
      expect(await card.getAttribute('data-status')).toBe('ACCEPTED');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'referral-accepted');
      // The case is now readable for CBP in the console too: the card opens the case page.
      await link.click();
      await page.getByRole('heading', { level: 1, name: new RegExp(owned.caseNumber) }).waitFor();
    } finally {
      await context.close();
    }

    const shared = await http('GET', `/cases/${owned.id}`, { token: cbp });
    expect(shared.status).toBe(200);
    expect(shared.body.access).toBe('SHARED');
    const worked = shared.body.referrals.find((r: { rule: string }) => r.rule === 'R1');
    expect(worked.history.map((h: { status: string; actor: string }) => `${h.status}:${h.actor}`)).toEqual(['SENT:system', 'ACKNOWLEDGED:cbp.officer', 'ACCEPTED:cbp.officer']);
  }, 120_000);

  it('refuses a decline without a reason with the API\'s message next to the field, and declines once one is given', async () => {
    const owned = await portOfEntryCase('Calexico, CA');
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'cbp.officer');
      const card = await openInboxAt(page, owned.caseNumber);
      await card.getByRole('button', { name: 'Decline…' }).click();
      await card.getByRole('button', { name: 'Decline referral' }).click();
      const error = card.locator('[data-field-error="reason"]');
      await error.waitFor();
      expect(await error.textContent()).toMatch(/reason/i);
      expect(await card.getAttribute('data-status')).toBe('SENT');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await card.getByLabel(/Reason for declining/).fill('Not a CBP port matter');
      await card.getByRole('button', { name: 'Decline referral' }).click();
      await page.locator('article[data-status="DECLINED"]').filter({ hasText: owned.caseNumber }).waitFor();
    } finally {
      await context.close();
    }
    const referral = (await http('GET', `/cases/${owned.id}/referrals`, { token: atf })).body.items[0];
    expect(referral).toMatchObject({ status: 'DECLINED' });
    expect(referral.history[1]).toMatchObject({ actor: 'cbp.officer', note: 'Not a CBP port matter' });
    expect((await http('GET', `/cases/${owned.id}`, { token: cbp })).status).toBe(404);
  }, 120_000);
});
