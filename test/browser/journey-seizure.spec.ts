import type { Browser, Locator, Page } from 'playwright-core';
import { http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Journey 4 (issue 14): a seizure saved without some of the ten data elements shows what is missing and cannot be
 * shared; completed, it can. Then a trace of its firearm, with its clock, worked to a result by the tracing agency.
 */
describe('journey 4: an incomplete seizure, completed and shared; its trace', () => {
  let browser: Browser;
  let pgr: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    pgr = await login('pgr.liaison');
  });
  afterAll(async () => { await browser?.close(); });

  const element = (scope: Page | Locator, name: string) => scope.locator(`li[data-element="${name}"]`);
  const presentOf = async (page: Page) => page.locator('.element-checklist li[data-present="true"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-element')));

  it('lists what is missing, refuses to share, and shares once the agent completes the record', async () => {
    const serial = `KX${uniqueWord(5).toUpperCase()}21`;
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'atf.agent');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Seizures' }).click();
      await page.getByRole('heading', { name: 'Seizures', level: 1 }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Record a seizure' }).click();
      await page.getByRole('heading', { name: 'Record a seizure', level: 1 }).waitFor();
      expect(await element(page, 'SERIAL_NUMBER').getAttribute('data-present')).toBe('false');

      // Known now: the firearm (no importer marking), when, how and who; not where, who was arrested, or whom to call.
      await page.getByLabel(/^Serial number/).fill(serial);
      await page.getByLabel('Make', { exact: true }).fill('FN Herstal');
      await page.getByLabel('Model', { exact: true }).fill('Five-seveN');
      await page.getByLabel('Caliber', { exact: true }).fill('5.7x28mm');
      await page.getByLabel('Action', { exact: true }).fill('semi-automatic');
      await page.getByLabel(/^Date and time of seizure/).fill('2026-11-02T14:30');
      await page.getByLabel('Nature and circumstances', { exact: true }).fill('Found in a spare tyre at secondary inspection');
      await page.getByLabel('Finder', { exact: true }).fill('Officer Ruiz');
      await page.getByLabel('Seizing official', { exact: true }).fill('SA Moreno');
      await page.getByLabel('Forensic processor', { exact: true }).fill('Lab tech Chen');
      expect(await presentOf(page)).toEqual(['SERIAL_NUMBER', 'MAKE_MODEL', 'SEIZURE_DATE', 'CIRCUMSTANCES', 'PERSONNEL', 'CALIBER_ACTION']);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'seizure-form');
      await page.getByRole('button', { name: 'Save seizure' }).click();

      await page.getByRole('heading', { name: `Seizure of ${serial}` }).waitFor();
      const id = new URL(page.url()).pathname.split('/').pop() as string;
      expect(await presentOf(page)).toEqual(['SERIAL_NUMBER', 'MAKE_MODEL', 'SEIZURE_DATE', 'CIRCUMSTANCES', 'PERSONNEL', 'CALIBER_ACTION']);
      const missing = page.getByRole('list', { name: 'Missing elements' });
      await expect(missing.getByRole('listitem').allTextContents()).resolves.toEqual([
        '3. Importer information found on the weapon', '5. Location of seizure',
        '9. Photograph and criminal history of individuals arrested (or nobody arrested)', '10. Points of contact for locating the seized weapon',
      ]);
      await page.getByRole('textbox', { name: 'Agencies' }).fill('PGR');
      await page.getByRole('button', { name: 'Share seizure' }).click();
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/cannot be shared until all ten data elements are present; missing: IMPORTER, LOCATION, ARRESTEES, POINTS_OF_CONTACT/);
      expect((await http('GET', `/seizures/${id}`, { token: pgr })).status).toBe(404);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'seizure-incomplete');

      await page.getByRole('button', { name: 'Complete the missing elements' }).click();
      const form = page.getByRole('region', { name: 'Complete the record' });
      await form.getByLabel('Importer marking', { exact: true }).fill('FNH USA, McLean VA');
      await form.getByLabel('Latitude', { exact: true }).fill('31.3338');
      await form.getByLabel('Longitude', { exact: true }).fill('-110.9426');
      await form.getByLabel('Place description', { exact: true }).fill('DeConcini port of entry, Nogales');
      await form.getByLabel('Nobody was arrested').check();
      await form.getByRole('button', { name: 'Add a point of contact' }).click();
      await form.getByLabel('Name', { exact: true }).fill('Evidence custodian Ortiz');
      await form.getByLabel('Agency code', { exact: true }).fill('ATF');
      await form.getByLabel('Phone', { exact: true }).fill('+1 520 555 0142');
      await form.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('10 of 10 present').waitFor();
      await expect(page.getByRole('list', { name: 'Missing elements' }).count()).resolves.toBe(0);

      await page.getByRole('button', { name: 'Share seizure' }).click();
      await page.getByText('Shared with PGR.').first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'seizure-shared');
      const seen = await http('GET', `/seizures/${id}`, { token: pgr });
      expect(seen.status).toBe(200);
      expect(seen.body.readyToShare).toBe(true);

      // A trace of the firearm: requested urgent, its clock shown; ATF, the tracing agency, works it to a result.
      const request = page.getByRole('form', { name: 'Request a trace' });
      await request.getByLabel('Urgent').check();
      await request.getByRole('button', { name: 'Request a trace' }).click();
      const row = page.locator('tr[data-status="SUBMITTED"]').filter({ hasText: serial });
      await row.getByText(/Due in|Overdue by/).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'seizure-trace-requested');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Traces' }).click();
      await page.getByRole('heading', { name: 'Trace requests', level: 1 }).waitFor();
      const listed = page.locator('tr').filter({ hasText: serial });
      await listed.getByRole('button', { name: `Start the trace of ${serial}` }).click();
      const result = page.getByRole('form', { name: `Result of the trace of ${serial}` });
      await page.locator('tr[data-status="IN_PROGRESS"]').filter({ hasText: serial }).getByText(/Due in|Overdue by/).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'traces');
      await result.getByLabel('First retail dealer').fill('Desert Guns LLC, Phoenix');
      await result.getByLabel(/Source state/).fill('AZ');
      await result.getByRole('button', { name: 'Record result' }).click();
      await page.locator('tr[data-status="COMPLETED"]').filter({ hasText: serial }).getByText('Desert Guns LLC, Phoenix (AZ)').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'traces-completed');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('requests a trace of a firearm from its case page; the tracing agency sees it on its traces page', async () => {
    const serial = `KC${uniqueWord(6).toUpperCase()}`;
    const ice = await login('ice.agent');
    const created = await http('POST', '/cases', { token: ice, body: { title: `Trace from the case ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', firearms: [{ serialNumber: serial, make: 'Glock' }] } });
    expect(created.status).toBe(201);
    const agent = await openConsole(browser);
    const atf = await openConsole(browser);
    try {
      await signIn(agent.page, 'ice.agent');
      await agent.page.goto(`/cases/${created.body.id}`);
      await agent.page.getByLabel(`Priority of the trace of ${serial}`).selectOption('URGENT');
      await agent.page.getByRole('button', { name: `Request trace of ${serial}` }).click();
      await agent.page.getByRole('status').filter({ hasText: 'Trace requested (Urgent).' }).waitFor();
      expect(await seriousA11yViolations(agent.page)).toEqual([]);
      await screenshot(agent.page, 'case-firearm-trace-requested');

      await signIn(atf.page, 'atf.agent');
      await atf.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Traces' }).click();
      await atf.page.getByRole('heading', { name: 'Trace requests', level: 1 }).waitFor();
      await atf.page.locator('tr[data-status="SUBMITTED"]').filter({ hasText: serial }).getByRole('button', { name: `Start the trace of ${serial}` }).waitFor();
    } finally {
      await agent.context.close();
      await atf.context.close();
    }
  }, 120_000);
});
