import type { Browser } from 'playwright-core';
import { eventually, http, login, uniqueWord, withTemporal } from '../support/http';
import { caseStrings, digits } from './support/case-form';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Seizures stay on watch (issue 16), on the case page: CBP records a seizure, ICE opens a case with the same gun later,
 * and the ICE agent's hit row names the seizing agency, the seizure record and its point of contact, and nothing of
 * the seizure's contents.
 */
describe('case page: a hit on a seized firearm', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  const en = caseStrings('en');

  it('shows the seizure pointer (agency, record, contact) in the hit row', async () => {
    const [cbp, ice] = await Promise.all([login('cbp.officer'), login('ice.agent')]);
    const serial = `BW${uniqueWord(3).toUpperCase()}${digits(6)}`;
    const circumstances = `Pistols under a seat ${uniqueWord(10)}`;
    const seizure = await http('POST', '/seizures', { token: cbp, body: {
      seizedAt: new Date(Date.now() - 7 * 86_400_000).toISOString(), circumstances, firearms: [{ serialNumber: serial, make: 'Glock' }],
      pointsOfContact: [{ name: 'Marta Liaison', agency: 'CBP', phone: '+1 520 555 0188' }],
    } });
    expect(seizure.status).toBe(201);
    await withTemporal((client) => client.workflow.getHandle(`seizure-${seizure.body.id}`).result());
    const opened = await http('POST', '/cases', { token: ice, body: {
      title: `ICE pistol case ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', firearms: [{ serialNumber: serial }],
    } });
    expect(opened.status).toBe(201);
    await eventually(() => http('GET', `/cases/${opened.body.id}/hits`, { token: ice }), (r) => r.body.items?.length === 1, 30_000);

    const agent = await openConsole(browser);
    try {
      await signIn(agent.page, 'ice.agent');
      await agent.page.goto(`/cases/${opened.body.id}`);
      const row = agent.page.locator('[data-testid="case-hit"][data-match-type="FIREARM_SERIAL"]');
      await row.waitFor();
      const reference = en.hits.seizureRecord.replace('{{reference}}', seizure.body.id.slice(0, 8));
      await expect(row.getByTestId('hit-record').textContent()).resolves.toBe(reference);
      await expect(row.getByRole('cell', { name: 'CBP', exact: true }).count()).resolves.toBe(1);
      await expect(row.getByTestId('hit-contact').textContent()).resolves.toBe('Marta Liaison (CBP) · +1 520 555 0188');
      await expect(agent.page.locator('main').textContent()).resolves.not.toContain(circumstances);
      expect(await seriousA11yViolations(agent.page)).toEqual([]);
      await screenshot(agent.page, 'case-page-seizure-hit');
    } finally {
      await agent.context.close();
    }
  });
});
