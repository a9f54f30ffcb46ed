import type { Browser } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Issue 18: an FBI agent refers a case to DEA from the case page, disclosing a phone and one firearm; DEA's referral
 * officer sees that packet and whom to call in the inbox, before accepting, and accepts. The case is set up over the API.
 */
describe('a case referred by hand with a chosen packet', () => {
  let browser: Browser;
  let fbi: string; let dea: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    [fbi, dea] = await Promise.all([login('fbi.agent'), login('dea.agent')]);
  });
  afterAll(async () => { await browser?.close(); });

  it('refers the case with the items ticked, and the receiving officer decides from the packet', async () => {
    const serial = (n: number) => `BR${uniqueWord(7).toUpperCase()}${n}`;
    const [disclosed, kept] = [serial(1), serial(2)];
    const phone = `+1 602 ${400 + Math.floor(Math.random() * 500)} ${1000 + Math.floor(Math.random() * 8999)}`;
    const created = await http('POST', '/cases', { token: fbi, body: {
      title: `Hand referral ${uniqueWord()}`, summary: 'kept from DEA until it accepts', category: 'DRUG_TRAFFICKING',
      identifiers: [{ type: 'PHONE', value: phone }], firearms: [{ serialNumber: disclosed }, { serialNumber: kept }],
    } });
    expect(created.status).toBe(201);
    const kase = await eventually(() => http('GET', `/cases/${created.body.id}`, { token: fbi }), (r) => r.body.status === 'ACTIVE');
    const caseNumber = kase.body.caseNumber as string;

    const agent = await openConsole(browser);
    try {
      await signIn(agent.page, 'fbi.agent');
      await agent.page.goto(`/cases/${created.body.id}`);
      const panel = agent.page.getByRole('region', { name: 'Refer this case' });
      await panel.waitFor();
      await panel.getByLabel(/^Agency/).selectOption('DEA');
      await panel.getByLabel(/Why this agency should act/).fill('Phone tied to a DEA target');
      await panel.getByRole('checkbox', { name: new RegExp(phone.replace(/\+/g, '\\+')) }).check();
      await panel.getByRole('checkbox', { name: disclosed }).check();
      expect(await seriousA11yViolations(agent.page)).toEqual([]);
      await screenshot(agent.page, 'referral-manual-form');
      await panel.getByRole('button', { name: 'Send referral' }).click();
      await panel.getByRole('button', { name: 'Withdraw the referral to DEA' }).waitFor();
    } finally {
      await agent.context.close();
    }
    const [sent] = (await http('GET', `/cases/${created.body.id}/referrals`, { token: fbi })).body.items;
    expect(sent).toMatchObject({ toAgency: 'DEA', kind: 'MANUAL', rule: null, status: 'SENT', reason: 'Phone tied to a DEA target' });
    expect((await http('GET', `/cases/${created.body.id}`, { token: dea })).status).toBe(404);

    const officer = await openConsole(browser);
    try {
      await signIn(officer.page, 'dea.agent');
      await officer.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Referral inbox' }).click();
      await officer.page.getByLabel('Case number').fill(caseNumber);
      await officer.page.getByRole('button', { name: 'Find' }).click();
      const card = officer.page.getByRole('article', { name: new RegExp(`Case ${caseNumber}`) });
      await card.waitFor();
      const packet = card.getByTestId('referral-packet');
      await expect(packet.textContent()).resolves.toContain(disclosed);
      await expect(packet.textContent()).resolves.toContain(phone);
      await expect(card.textContent()).resolves.not.toContain(kept);
      await expect(card.getByTestId('referral-sender').textContent()).resolves.toContain('Frances B. Ingram (FBI) · +12025550105');
      expect(await seriousA11yViolations(officer.page)).toEqual([]);
      await screenshot(officer.page, 'referral-manual-inbox');

      await card.getByRole('button', { name: 'Accept…' }).click();
      await card.getByRole('button', { name: 'Accept referral' }).click();
      await card.getByRole('link', { name: `Open case ${caseNumber}` }).waitFor();
      expect(await card.getAttribute('data-status')).toBe('ACCEPTED');
    } finally {
      await officer.context.close();
    }
    const shared = await http('GET', `/cases/${created.body.id}`, { token: dea });
    expect({ status: shared.status, access: shared.body.access }).toEqual({ status: 200, access: 'SHARED' });
  }, 120_000);
});
