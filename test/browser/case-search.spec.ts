import type { Browser } from 'playwright-core';
import { http, login, uniqueWord } from '../support/http';
import { caseStrings, labelled } from './support/case-form';
import { launchBrowser, openConsole, seriousA11yViolations, signIn } from './support/browser';

/** The search box of the case list: the caller's readable cases that match, never another agency's, each a link. */
describe('case search in the console', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  const en = caseStrings('en');

  it('finds the own case by a title word, not another agency’s with the same word, and opens it', async () => {
    const word = uniqueWord(10);
    const open = async (username: string, title: string) => {
      const created = await http('POST', '/cases', { token: await login(username), body: { title, category: 'OTHER' } });
      expect(created.status).toBe(201);
      return created.body as { id: string; caseNumber: string };
    };
    const own = await open('ice.agent', `Operación ${word} ICE`);
    const other = await open('atf.agent', `Operation ${word} ATF`);

    const ice = await openConsole(browser);
    try {
      await signIn(ice.page, 'ice.agent');
      await ice.page.goto('/cases');
      await ice.page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      await ice.page.getByRole('search').getByLabel(labelled(en.search.label)).fill(`operacion ${word.toUpperCase()}`);
      await ice.page.getByRole('search').getByRole('button', { name: en.search.submit }).click();
      await ice.page.locator('[data-testid="case-search-results"][data-ready="true"]').waitFor();

      await ice.page.getByRole('row', { name: new RegExp(own.caseNumber) }).waitFor();
      expect(await ice.page.getByRole('row', { name: new RegExp(other.caseNumber) }).count()).toBe(0);
      expect(await ice.page.getByText(`Operation ${word} ATF`).count()).toBe(0);
      expect(await seriousA11yViolations(ice.page)).toEqual([]);

      await ice.page.getByRole('link', { name: own.caseNumber }).click();
      await ice.page.getByRole('heading', { level: 1, name: new RegExp(word) }).waitFor();
      expect(new URL(ice.page.url()).pathname).toBe(`/cases/${own.id}`);
    } finally {
      await ice.context.close();
    }
  });
});
