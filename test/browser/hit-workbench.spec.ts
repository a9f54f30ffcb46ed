import type { Browser } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn, type UserPage } from './support/browser';

/**
 * Issue 17 in the console: two coordinators, each in their own browser, press "Claim" on the same hit at once; one
 * holds it and the other is told who does. Then the holder logs a call in the hit's contact log.
 */
describe("the coordinator's workbench in the console", () => {
  let browser: Browser;
  const users: UserPage[] = [];
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => {
    for (const user of users) await user.context.close().catch(() => undefined);
    await browser?.close();
  });

  async function freshHit(): Promise<{ id: string }> {
    const phone = `+1915${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    let caseId = '';
    let token = '';
    for (const username of ['ice.agent', 'atf.agent']) {
      token = await login(username);
      const created = await http('POST', '/cases', { token, body: { title: `Desk ${uniqueWord()}`, category: 'OTHER', identifiers: [{ type: 'PHONE', value: phone }] } });
      expect(created.status).toBe(201);
      caseId = created.body.id;
    }
    return (await eventually(() => http('GET', `/cases/${caseId}/hits`, { token }), (r) => r.body.items?.length === 1)).body.items[0];
  }
  async function deskAt(username: string, path: string) {
    const user = await openConsole(browser);
    users.push(user);
    await signIn(user.page, username);
    await user.page.goto(path);
    return user.page;
  }

  it('lets one of two coordinators win a claim race; the other sees who holds the hit', async () => {
    const hit = await freshHit();
    const pages = await Promise.all([deskAt('coordinator', `/deconfliction/hits/${hit.id}`), deskAt('atf.coordinator', `/deconfliction/hits/${hit.id}`)]);
    for (const page of pages) await page.getByTestId('claim-control').getByRole('button', { name: 'Claim' }).waitFor();
    await Promise.all(pages.map((page) => page.getByTestId('claim-control').getByRole('button', { name: 'Claim' }).click()));

    const holders = { coordinator: 'Watch Desk Coordinator', 'atf.coordinator': 'ATF Watch Desk Coordinator' };
    for (const page of pages) await page.locator('[data-testid="claim-control"]:not([data-holder=""])').waitFor();
    const holder = (await http('GET', `/deconfliction/hits/${hit.id}`, { token: await login('coordinator') })).body.holder.username as keyof typeof holders;
    const [winner, loser] = holder === 'coordinator' ? pages : [pages[1], pages[0]];
    expect(await winner.getByTestId('holder').textContent()).toBe(`Held by you (${holders[holder]})`);
    // The loser's claim was refused (409) and the screen now names the holder, with no claim button left.
    await loser.getByTestId('claim-control').getByRole('alert').waitFor();
    expect(await loser.getByTestId('claim-control').getByRole('alert').textContent()).toContain(`already claimed by ${holder}`);
    expect(await loser.getByTestId('holder').textContent()).toBe(`Held by ${holders[holder]}`);
    expect(await loser.getByTestId('claim-control').getByRole('button').count()).toBe(0);

    // The queue shows the holder too, filtered to the winner's own hits.
    await winner.goto('/deconfliction/hits?claimed=me');
    const row = winner.locator(`[data-testid="hit-queue"][data-ready="true"] [data-hit-id="${hit.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('holder').textContent()).toContain('Held by you');
    expect(await seriousA11yViolations(winner)).toEqual([]);
    await screenshot(winner, 'deconfliction-queue-claimed');
  });

  it('adds an entry to the contact log and lists it with its author', async () => {
    const hit = await freshHit();
    const page = await deskAt('coordinator', `/deconfliction/hits/${hit.id}`);
    const log = page.getByRole('region', { name: 'Contact log' });
    await log.getByText('No contacts logged yet.').waitFor();
    await log.getByRole('button', { name: 'Add to the contact log' }).click();
    await log.locator('[data-field-error="reached"]').waitFor();

    await log.getByLabel(/^Whom you reached/).fill('SA Ortiz, ATF Phoenix');
    await log.getByLabel(/^At which agency/).fill('ATF');
    await log.getByLabel(/^By what means/).selectOption('RADIO');
    await log.getByLabel(/^What was agreed/).fill('ATF waits for ICE before serving its warrant');
    await log.getByRole('button', { name: 'Add to the contact log' }).click();
    const entry = log.getByTestId('contact-log').locator('li').first();
    await entry.waitFor();
    expect(await entry.textContent()).toContain('SA Ortiz, ATF Phoenix (ATF) · Radio');
    expect(await entry.textContent()).toContain('ATF waits for ICE before serving its warrant');
    expect(await entry.textContent()).toContain('Logged by coordinator');
    expect(await log.getByLabel(/^Whom you reached/).inputValue()).toBe('');
    const stored = (await http('GET', `/deconfliction/hits/${hit.id}/contacts`, { token: await login('desk.supervisor') })).body.items;
    expect(stored).toEqual([expect.objectContaining({ reached: 'SA Ortiz, ATF Phoenix', means: 'RADIO', author: 'coordinator' })]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
