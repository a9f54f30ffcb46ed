import type { Browser } from 'playwright-core';
import { http, login, uniqueWord } from '../support/http';
import { CaseForm, caseStrings, digits, labelled } from './support/case-form';
import { launchBrowser, openConsole, seriousA11yViolations, signIn } from './support/browser';

/**
 * The case page's owner controls, through the UI: sharing with another agency (which then lists and reads the case),
 * revoking, adding items to an open case, and closing, refused with the API's reasons while a referral is open.
 */
describe('case page: shares, added items and a blocked close', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  const en = caseStrings('en');

  it('shares a case with ICE, which lists and reads it, then revokes; adds an identifier; a close is refused with its reasons', async () => {
    const atf = await openConsole(browser);
    const ice = await openConsole(browser);
    try {
      const title = `ATF shared ${uniqueWord()}`;
      await signIn(atf.page, 'atf.agent');
      const form = new CaseForm(atf.page, en);
      await form.openFromNav();
      await form.field(en.fields.title).fill(title);
      await form.field(en.fields.portOfEntry).fill('Laredo, TX');
      await form.submit();
      await atf.page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();

      // The port of entry raised R1 to CBP: the referral is listed, and closing is refused while it is open.
      await atf.page.getByRole('region', { name: en.referrals.title }).getByRole('cell', { name: 'CBP', exact: true }).waitFor();
      const close = atf.page.getByRole('region', { name: en.close.title, exact: true });
      await close.getByLabel(labelled(en.close.outcome)).fill('Nothing more to do');
      await close.getByRole('button', { name: en.close.submit }).click();
      await close.getByRole('alert').filter({ hasText: /referral R1 to CBP/ }).waitFor();
      expect(await close.getByLabel(labelled(en.close.outcome)).inputValue()).toBe('Nothing more to do');

      // Add an identifier to the open case.
      const add = atf.page.getByRole('region', { name: en.add.title, exact: true });
      const plate = `${uniqueWord(3).toUpperCase()}${digits(4)}`;
      await add.getByRole('group', { name: 'Identifier 1', exact: true }).getByLabel(labelled(en.fields.identifierType)).selectOption('VEHICLE_PLATE');
      await add.getByRole('group', { name: 'Identifier 1', exact: true }).getByLabel(labelled(en.fields.value)).fill(plate);
      await add.getByRole('button', { name: en.add.submit }).click();
      await atf.page.getByRole('region', { name: en.page.items, exact: true }).getByText(plate).waitFor();

      // Share with ICE.
      const shares = atf.page.getByRole('region', { name: en.shares.title, exact: true });
      await shares.getByLabel(labelled(en.shares.agency)).selectOption('ICE');
      await shares.getByLabel(labelled(en.shares.reason)).fill('joint border operation');
      await shares.getByRole('button', { name: en.shares.add }).click();
      await shares.getByText('joint border operation').waitFor();
      expect(await seriousA11yViolations(atf.page)).toEqual([]);

      await signIn(ice.page, 'ice.agent');
      await ice.page.goto('/cases?scope=shared');
      await ice.page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      await ice.page.getByRole('row', { name: new RegExp(title) }).getByRole('link').click();
      await ice.page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
      await ice.page.getByText(en.page.sharedWithYou, { exact: false }).waitFor();
      // Read-only for the agency it is shared with: no share, add or close controls.
      expect(await ice.page.getByRole('region', { name: en.close.title, exact: true }).count()).toBe(0);
      expect(await ice.page.getByRole('region', { name: en.add.title, exact: true }).count()).toBe(0);
      expect(await seriousA11yViolations(ice.page)).toEqual([]);

      await shares.getByRole('button', { name: 'Stop sharing with ICE' }).click();
      await shares.getByText(en.shares.empty).waitFor();
      await ice.page.goto('/cases?scope=shared');
      await ice.page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      expect(await ice.page.getByRole('row', { name: new RegExp(title) }).count()).toBe(0);
    } finally {
      await atf.context.close();
      await ice.context.close();
    }
  });

  it('pages the case list with Load more, filters by category, and says when nothing matches', async () => {
    // Set-up through the API: enough of FBI's cases for a second page (the list asks for 25 at a time).
    const fbi = await login('fbi.agent');
    const tag = uniqueWord();
    for (let i = 0; i < 27; i += 1) {
      expect((await http('POST', '/cases', { token: fbi, body: { title: `FBI page ${tag} ${i}`, category: 'FUGITIVE' } })).status).toBe(201);
    }
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'fbi.agent');
      await page.goto('/cases?category=FUGITIVE');
      await page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      const rows = page.getByTestId('case-list').locator('tbody tr');
      expect(await rows.count()).toBe(25);
      await page.getByRole('button', { name: 'Load more' }).click();
      await rows.nth(25).waitFor();
      const numbers = await page.getByTestId('case-list').locator('tbody tr td:first-child').allTextContents();
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers.length).toBeGreaterThanOrEqual(27);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Another category: none of these cases, only that category (other specs share this database, so it may not be empty).
      await page.getByLabel('Category').selectOption('MONEY_LAUNDERING');
      await page.getByTestId('case-list').getByText(tag).first().waitFor({ state: 'detached' });
      await page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      const categories = await page.getByTestId('case-list').locator('tbody tr td:nth-child(3)').allTextContents();
      expect(categories.every((c) => c === en.categories.MONEY_LAUNDERING)).toBe(true);
      if (categories.length === 0) await page.getByText(en.list.empty).waitFor();
      expect(new URL(page.url()).searchParams.get('category')).toBe('MONEY_LAUNDERING');
    } finally {
      await context.close();
    }
  });
});
