import type { Browser } from 'playwright-core';
import { http, login } from '../support/http';
import { possibleMatchItem } from '../support/review-fixtures';
import { launchBrowser, openConsole, seriousA11yViolations, signIn, type UserPage } from './support/browser';

/**
 * Issue 16 in the console: a POSSIBLE person match paged no agent and waits in the coordinator's reviews; the
 * coordinator promotes it with a note, and the hit it raises shows its tier in the hit queue.
 */
describe('the coordinator reviews a possible person match', () => {
  let browser: Browser;
  let desk: UserPage;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => {
    await desk?.context.close().catch(() => undefined);
    await browser?.close();
  });

  it('promotes it from the reviews page, and the hit appears in the queue with its tier', async () => {
    const item = await possibleMatchItem();
    desk = await openConsole(browser);
    const { page } = desk;
    await signIn(page, 'coordinator');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Match reviews' }).click();
    await page.locator('[data-testid="reviews"][data-ready="true"]').waitFor();
    const article = page.locator(`[data-review-id="${item.reviewId}"]`);
    // Oldest first, 25 at a time, in a database other specs share: the new item may be a few pages down.
    const listed = page.locator('[data-testid="reviews"] [data-review-id]');
    for (let shown = await listed.count(); !(await article.isVisible()); shown = await listed.count()) {
      await page.getByRole('button', { name: 'Load more' }).click();
      await listed.nth(shown).waitFor();
    }
    expect(await article.textContent()).toContain(item.name);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await article.getByRole('button', { name: 'Promote to a hit' }).click();
    await article.locator('[data-field-error="note"]').waitFor();
    await article.getByLabel(/^Note/).fill('Same person: the informant named both cases');
    await article.getByRole('button', { name: 'Promote to a hit' }).click();
    await article.waitFor({ state: 'detached' });

    const [hit] = (await http('GET', `/cases/${item.queryCaseId}/hits`, { token: await login('atf.agent') })).body.items;
    expect(hit).toMatchObject({ matchType: 'PERSON', tier: 'POSSIBLE' });
    await page.goto('/deconfliction/hits?tier=POSSIBLE');
    const row = page.locator(`[data-testid="hit-queue"][data-ready="true"] [data-hit-id="${hit.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-tier]').textContent()).toBe('Possible (promoted)');
  });
});
