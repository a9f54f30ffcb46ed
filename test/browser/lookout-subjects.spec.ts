import type { Browser } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

const capitalised = (w: string) => w[0].toUpperCase() + w.slice(1);

/** Issue 17: an agent sets a lookout on a person (name and date of birth) from the console; a later case meets it. */
describe('person and organization lookouts in the console', () => {
  let browser: Browser;
  let ice: string; let atf: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    [ice, atf] = await Promise.all([login('ice.agent'), login('atf.agent')]);
  });
  afterAll(async () => { await browser?.close(); });

  it('creates a person lookout and an organization lookout, refusing a person without name letters', async () => {
    const person = `Lucía ${capitalised(uniqueWord())} ${capitalised(uniqueWord(9))}`;
    const organization = `Grupo ${capitalised(uniqueWord(10))}`;
    const agent = await openConsole(browser);
    try {
      await signIn(agent.page, 'ice.agent');
      await agent.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Lookouts' }).click();
      const form = agent.page.getByRole('form', { name: 'New lookout' });
      await form.getByLabel(/^Watch/).selectOption('PERSON');
      await form.getByLabel(/^Full name/).fill('-- --');
      await form.getByLabel(/^Why/).fill('wanted for questioning');
      await form.getByRole('button', { name: 'Create lookout' }).click();
      await form.locator('[data-field-error="value"]').waitFor();

      await form.getByLabel(/^Full name/).fill(person);
      await form.getByLabel(/^Date of birth/).fill('1981-07-15');
      await form.getByRole('button', { name: 'Create lookout' }).click();
      await form.getByRole('status').filter({ hasText: 'Lookout created.' }).waitFor();
      await agent.page.getByRole('cell', { name: `${person} · born 1981-07-15` }).waitFor();

      await form.getByLabel(/^Watch/).selectOption('ORGANIZATION');
      await form.getByLabel(/^Organization name/).fill(organization);
      await form.getByLabel(/^Why/).fill('suspected front company');
      await form.getByRole('button', { name: 'Create lookout' }).click();
      await agent.page.getByRole('cell', { name: organization, exact: true }).waitFor();
      expect(await seriousA11yViolations(agent.page)).toEqual([]);
      await screenshot(agent.page, 'lookouts-person-organization');
    } finally {
      await agent.context.close();
    }

    const mine = (await http('GET', '/lookouts?limit=10', { token: ice })).body.items as { id: string; type: string; value: string }[];
    const personLookout = mine.find((l) => l.type === 'PERSON' && l.value === person);
    expect(personLookout).toBeDefined();
    const created = await http('POST', '/cases', { token: atf, body: {
      title: `Lookout browser ${uniqueWord()}`, category: 'OTHER',
      subjects: [{ kind: 'PERSON', fullName: person.replace('í', 'i'), dateOfBirth: '1981-07-15' }, { kind: 'ORGANIZATION', name: organization, orgType: 'DTO' }],
    } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token: atf }), (r) => r.body.status === 'ACTIVE');
    const hits = (await http('GET', `/lookouts/${personLookout?.id}/hits`, { token: ice })).body.items;
    expect(hits).toEqual([expect.objectContaining({ matchType: 'PERSON', counterpart: expect.objectContaining({ agency: 'ATF' }) })]);
  }, 90_000);
});
