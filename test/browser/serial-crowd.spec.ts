import type { Browser } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, seriousA11yViolations, signIn, type UserPage } from './support/browser';
import { CaseForm, caseStrings, labelled } from './support/case-form';

/**
 * An obliterated serial whose readable part is found in six stored serials (over SERIAL_PARTIAL_MAX), through the
 * console: the check answers one ambiguous entry, the agent's new case says why no hit was raised, and the watch desk
 * promotes the candidate that is the gun from its match reviews.
 */
describe('an obliterated serial meeting a crowd of stored serials, in the console', () => {
  let browser: Browser;
  const pages: UserPage[] = [];
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close();
  });

  const en = caseStrings('en');

  it('checks it, opens a case with it, and the desk promotes the one candidate it names', async () => {
    const [ice, atf] = await Promise.all(['ice.agent', 'atf.agent'].map((u) => login(u)));
    const part = `${uniqueWord(3).toUpperCase()}${String(Date.now() % 10_000).padStart(4, '0')}`;
    const stored: Record<string, string> = {};
    for (const [agency, token] of [['ICE', ice], ['ATF', atf]] as const) {
      const created = await http('POST', '/cases', { token, body: {
        title: `Crowd ${uniqueWord()}`, category: 'ARMS_TRAFFICKING',
        firearms: [1, 2, 3].map((n) => ({ serialNumber: `${agency}${n}${part}${n}` })),
      } });
      expect(created.status).toBe(201);
      await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
      stored[agency] = created.body.id;
    }
    const serial = `??${part}??`;

    const agent = await openConsole(browser);
    pages.push(agent);
    await signIn(agent.page, 'fbi.agent');
    await agent.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Check', exact: true }).click();
    const checkForm = new CaseForm(agent.page, en);
    await checkForm.addFirearm(1, { serialNumber: serial, obliterated: true });
    await agent.page.getByRole('button', { name: 'Run check' }).click();
    const ambiguous = agent.page.getByRole('region', { name: 'Result' }).getByRole('note');
    await ambiguous.getByRole('heading', { name: 'Too many stored values to answer one by one' }).waitFor();
    expect(await ambiguous.textContent()).toMatch(/6 stored serials share this obliterated serial's readable part, in 2 records of agencies ATF, ICE/);
    expect(await seriousA11yViolations(agent.page)).toEqual([]);

    const caseForm = new CaseForm(agent.page, en);
    await caseForm.openFromNav();
    await caseForm.field(en.fields.title).fill(`Obliterated Glock ${uniqueWord()}`);
    await caseForm.addFirearm(1, { serialNumber: serial, obliterated: true });
    await caseForm.submit();
    await agent.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const prompt = agent.page.getByTestId('ambiguous-serial-prompt');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await prompt.textContent()).toContain(`The readable part of "${serial}" is found in too many stored serials`);
    expect(await agent.page.getByTestId('case-hit').count()).toBe(0);
    expect(await seriousA11yViolations(agent.page)).toEqual([]);

    const desk = await openConsole(browser);
    pages.push(desk);
    await signIn(desk.page, 'coordinator');
    await desk.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Match reviews' }).click();
    await desk.page.locator('[data-testid="reviews"][data-ready="true"]').waitFor();
    const article = desk.page.locator('[data-kind="COMMON_SERIAL_PART"]').filter({ hasText: serial });
    await article.waitFor();
    expect(await article.getByRole('heading').textContent()).toMatch(/^Readable serial part met many serials: /);
    expect(await article.locator('tbody tr').count()).toBe(6);
    expect(await seriousA11yViolations(desk.page)).toEqual([]);

    // Several candidates: the desk must name one; it names ICE's second rifle.
    await article.getByLabel(/^Note/).fill('The lab restored ICE2: same gun');
    await article.getByRole('button', { name: 'Promote to a hit' }).click();
    await article.locator('[data-field-error="candidate"]').waitFor();
    const candidate = article.getByLabel(labelled('Candidate to raise the hit with'));
    await candidate.selectOption(await candidate.locator('option', { hasText: `ICE2${part}2 · ICE` }).getAttribute('value') ?? '');
    await article.getByRole('button', { name: 'Promote to a hit' }).click();
    await article.waitFor({ state: 'detached' });

    const [hit] = (await eventually(() => http('GET', `/cases/${stored.ICE}/hits`, { token: ice }), (r) => r.body.items?.length === 1)).body.items;
    expect(hit).toMatchObject({ matchType: 'FIREARM_SERIAL', matchedValue: `ICE2${part}2`, counterpart: { agency: 'FBI' } });
    await agent.page.locator('[data-testid="case-hit"][data-match-type="FIREARM_SERIAL"]').waitFor();
  });
});
