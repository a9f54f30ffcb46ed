import type { Browser } from 'playwright-core';
import { eventually, http, login, sampleCase, uniqueWord } from '../support/http';
import { caseStrings, labelled } from './support/case-form';
import { launchBrowser, openConsole, seriousA11yViolations, signIn } from './support/browser';

/**
 * The case edit form (issue 18): an agent adds a port of entry to a case that had none, and the R1 referral to CBP
 * appears on the case page; the case list then finds the case under "open referrals".
 */
describe('case page: editing a case', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  const en = caseStrings('en');

  it('adds a port of entry through the edit form and sees the R1 referral to CBP on the case page', async () => {
    // Set-up through the API: a case without a port of entry, so no R1 yet.
    const ice = await login('ice.agent');
    const title = `Edited ${uniqueWord()}`;
    const created = await http('POST', '/cases', { token: ice, body: sampleCase({ title, flags: {} }) });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');

    const agent = await openConsole(browser);
    try {
      await signIn(agent.page, 'ice.agent');
      await agent.page.goto(`/cases/${created.body.id}`);
      await agent.page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
      const referrals = agent.page.getByRole('region', { name: en.referrals.title });
      expect(await referrals.getByRole('cell', { name: 'CBP', exact: true }).count()).toBe(0);

      await agent.page.getByRole('button', { name: en.edit.open }).click();
      const form = agent.page.getByRole('region', { name: en.edit.title, exact: true });
      await form.getByLabel(labelled(en.fields.title)).fill(`${title} (port)`);
      await form.getByLabel(labelled(en.fields.portOfEntry)).fill('San Ysidro, CA');
      expect(await seriousA11yViolations(agent.page)).toEqual([]);
      await form.getByRole('button', { name: en.edit.submit }).click();

      await agent.page.getByRole('heading', { level: 1, name: new RegExp(`${title} \\(port\\)`) }).waitFor();
      await referrals.getByRole('cell', { name: 'CBP', exact: true }).waitFor();
      await referrals.getByRole('cell', { name: /San Ysidro, CA/ }).waitFor();
      // The form closes once the answer is in; the refetched referrals may be drawn a moment before it does.
      await agent.page.getByRole('region', { name: en.edit.title, exact: true }).waitFor({ state: 'detached', timeout: 10_000 });

      // The list's new filter finds it among the cases with an open referral.
      await agent.page.goto('/cases');
      await agent.page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      await agent.page.getByLabel(en.list.filters.openReferrals).selectOption('true');
      await agent.page.waitForURL(/openReferrals=true/);
      await agent.page.getByRole('row', { name: new RegExp(`${title} \\(port\\)`) }).waitFor();
    } finally {
      await agent.context.close();
    }
  });
});
