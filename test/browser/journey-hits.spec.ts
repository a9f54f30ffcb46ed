import type { Browser, Page } from 'playwright-core';
import { uniqueWord } from '../support/http';
import { CaseForm, caseStrings, labelled, digits, randomDay } from './support/case-form';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Journey 1 (issue 14): two agencies open cases through the console that touch the same phone, written two ways, and
 * overlapping planned operations. The agent already looking at their case sees both hits arrive without reloading,
 * as pointers: the other agency, its case number and whom to call, never the other case's title or summary.
 */
describe('journey 1: a hit appears on the open case page, pointer only', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  const en = caseStrings('en');

  /** The case page of the case the form just opened; a marker proves later assertions happen without a reload. */
  async function openedCasePage(page: Page, title: string): Promise<string> {
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    await page.evaluate(() => { (globalThis as unknown as { journeyMarker: string }).journeyMarker = 'not reloaded'; });
    return page.url().split('/').pop() as string;
  }

  const hitRow = (page: Page, matchType: string) => page.locator(`[data-testid="case-hit"][data-match-type="${matchType}"]`);

  it('shows the PHONE and EVENT hits on both agents’ open case pages, with the other side’s contact only', async () => {
    const ice = await openConsole(browser, { timezoneId: 'America/Chicago' });
    const atf = await openConsole(browser, { timezoneId: 'America/Denver' });
    try {
      const exchange = `5${digits(2)}`;
      const line = digits(4);
      const day = randomDay();
      const latitude = Number((26 + Math.random() * 8).toFixed(5));
      const longitude = Number((-112 + Math.random() * 14).toFixed(5));
      const iceTitle = `ICE border rifles ${uniqueWord()}`;
      const atfTitle = `ATF straw buyers ${uniqueWord()}`;
      const atfSummary = `Confidential ATF summary ${uniqueWord()}`;

      // ICE opens its case (phone written the E.164-ish way, keyboard-only coordinates) and stays on its page.
      await signIn(ice.page, 'ice.agent');
      const iceForm = new CaseForm(ice.page, en);
      await iceForm.openFromNav();
      expect(await seriousA11yViolations(ice.page)).toEqual([]);
      await iceForm.field(en.fields.title).fill(iceTitle);
      await iceForm.field(en.fields.summary).fill('Rifles crossing at El Paso.');
      await iceForm.addIdentifier(1, `+1 (915) ${exchange}-${line}`);
      await iceForm.addOperation(1, {
        type: 'SEARCH_WARRANT', latitude, longitude, radiusMeters: 400, startsAt: `${day}T10:00`, endsAt: `${day}T13:00`,
      });
      expect(await seriousA11yViolations(ice.page)).toEqual([]);
      await screenshot(ice.page, 'case-new-form');
      await iceForm.submit();
      await openedCasePage(ice.page, iceTitle);

      // ATF, in Mountain time, picks its place on the map first (then corrects it by keyboard to ~100 m from ICE's)
      // and writes the same phone the national way with its region.
      await signIn(atf.page, 'atf.agent');
      const atfForm = new CaseForm(atf.page, en);
      await atfForm.openFromNav();
      await atfForm.field(en.fields.title).fill(atfTitle);
      await atfForm.field(en.fields.summary).fill(atfSummary);
      await atfForm.addIdentifier(1, `915.${exchange}.${line}`, { region: 'US' });
      await atf.page.getByRole('button', { name: en.form.addOperation }).click();
      const opRow = atfForm.group(en.form.operationN, 1);
      await opRow.getByRole('region', { name: /Map/ }).click({ position: { x: 200, y: 150 } });
      await expect(opRow.getByLabel(labelled(en.fields.latitude)).inputValue()).resolves.toMatch(/^-?\d+(\.\d+)?$/);
      await opRow.getByLabel(labelled(en.fields.operationType)).selectOption('SURVEILLANCE');
      await opRow.getByLabel(labelled(en.fields.latitude)).fill(String(latitude + 0.0009));
      await opRow.getByLabel(labelled(en.fields.longitude)).fill(String(longitude));
      await opRow.getByLabel(labelled(en.fields.radiusMeters)).fill('300');
      // 11:00-14:00 Mountain is 12:00-15:00 Central: it overlaps ICE's 10:00-13:00 Central window.
      await opRow.getByLabel(labelled(en.fields.startsAt)).fill(`${day}T11:00`);
      await opRow.getByLabel(labelled(en.fields.endsAt)).fill(`${day}T14:00`);
      await atfForm.submit();
      await openedCasePage(atf.page, atfTitle);

      // ICE's page, never reloaded, shows both hits as they arrive.
      await hitRow(ice.page, 'PHONE').waitFor();
      await hitRow(ice.page, 'EVENT').waitFor();
      for (const type of ['PHONE', 'EVENT']) {
        const row = hitRow(ice.page, type);
        await expect(row.textContent()).resolves.toContain('ATF');
        await expect(row.textContent()).resolves.toMatch(/ATF-\d{4}-\d{6}/);
        await expect(row.getByTestId('hit-contact').textContent()).resolves.toContain('Aaron T. Fields');
        await expect(row.getByTestId('hit-contact').textContent()).resolves.toContain('+12025550102');
      }
      // How each met, and for the operations nothing that would place ATF's (distance, its 300 m radius, its window).
      await expect(hitRow(ice.page, 'PHONE').getByTestId('hit-reason').textContent()).resolves.toBe('phone (E.164) equal after normalization');
      await expect(hitRow(ice.page, 'EVENT').getByTestId('hit-reason').textContent()).resolves.toBe('operation areas touch and the time windows overlap');
      expect(await ice.page.evaluate(() => (globalThis as unknown as { journeyMarker?: string }).journeyMarker)).toBe('not reloaded');
      const iceText = await ice.page.locator('main').textContent();
      expect(iceText).not.toContain(atfTitle);
      expect(iceText).not.toContain(atfSummary);
      expect(iceText).not.toContain(`915.${exchange}.${line}`);
      expect(await seriousA11yViolations(ice.page)).toEqual([]);
      await screenshot(ice.page, 'case-page-with-hits');

      // ATF sees its side: ICE as the counterpart, nothing of ICE's case.
      await hitRow(atf.page, 'PHONE').waitFor();
      await hitRow(atf.page, 'EVENT').waitFor();
      await expect(hitRow(atf.page, 'PHONE').getByTestId('hit-contact').textContent()).resolves.toContain('Irene Castillo');
      await expect(hitRow(atf.page, 'EVENT').textContent()).resolves.toMatch(/ICE-\d{4}-\d{6}/);
      const atfText = await atf.page.locator('main').textContent();
      expect(atfText).not.toContain(iceTitle);
      expect(atfText).not.toContain('Rifles crossing at El Paso.');

      // The list: the new case is there for its agency, and the list reports it is ready.
      await ice.page.getByRole('navigation').getByRole('link', { name: en.nav.myCases, exact: true }).click();
      await ice.page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      await ice.page.getByRole('link', { name: /ICE-\d{4}-\d{6}/ }).first().waitFor();
      await expect(ice.page.getByTestId('case-list').textContent()).resolves.toContain(iceTitle);
      expect(await seriousA11yViolations(ice.page)).toEqual([]);
      await screenshot(ice.page, 'case-list');
      await ice.page.getByRole('button', { name: en.list.scopes.shared }).click();
      await ice.page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      await expect(ice.page.getByTestId('case-list').textContent()).resolves.not.toContain(atfTitle);
    } finally {
      await ice.context.close();
      await atf.context.close();
    }
  });
});
