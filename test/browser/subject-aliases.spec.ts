import type { Browser, Page } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { capitalised, caseWithSubjects } from '../support/review-fixtures';
import { CaseForm, caseStrings, labelled } from './support/case-form';
import { launchBrowser, openConsole, seriousA11yViolations, signIn, type UserPage } from './support/browser';

/**
 * Issue 21 in the console: an agent enters a subject's alias (in the case form, or later on the case page) and sees
 * the hit it raises, with which of the names met.
 */
describe('console: aliases and monikers', () => {
  let browser: Browser;
  let agent: UserPage | undefined;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterEach(async () => { await agent?.context.close().catch(() => undefined); agent = undefined; });
  afterAll(async () => { await browser?.close(); });

  const freshName = () => `${capitalised(uniqueWord())} ${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
  const personHit = (page: Page) => page.getByTestId('case-hits').locator('[data-testid="case-hit"][data-match-type="PERSON"]');
  /**
   * The person hit's row on the case page. The API is asked first (the hit is raised by the case workflow, later under
   * load), then the page is reloaded so the row does not depend on when the hit's notification reached this tab.
   */
  const shownPersonHit = async (page: Page, caseId: string) => {
    const token = await login('atf.agent');
    await eventually(() => http('GET', `/cases/${caseId}/hits`, { token }),
      (r) => (r.body.items ?? []).some((h: { matchType: string }) => h.matchType === 'PERSON'), 45_000);
    await page.reload();
    const row = personHit(page);
    await row.waitFor();
    return row;
  };
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k]);

  it('lets an agent enter an alias in the case form and see the hit on it, with the form that matched', async () => {
    const en = caseStrings('en');
    const [legal, alias] = [freshName(), freshName()];
    const stored = await caseWithSubjects(await login('ice.agent'), [{ kind: 'PERSON', fullName: alias, dateOfBirth: '1977-05-09' }]);

    agent = await openConsole(browser);
    await signIn(agent.page, 'atf.agent');
    const form = new CaseForm(agent.page, en);
    await form.openFromNav();
    const title = `Alias case ${uniqueWord()}`;
    await form.field(en.fields.title).fill(title);
    await form.addPerson(1, { fullName: legal, dateOfBirth: '1977-05-09', aliases: [alias], monikers: ['El Chato'] });
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
    await form.submit();
    await agent.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);

    const items = agent.page.getByRole('region', { name: en.page.items, exact: true });
    await items.getByTestId('subject-aliases').waitFor();
    expect(await items.getByTestId('subject-aliases').textContent()).toBe(fill(en.forms.aliasesOf, { names: alias }));
    expect(await items.getByTestId('subject-monikers').textContent()).toBe(fill(en.forms.monikersOf, { names: 'El Chato' }));
    const row = await shownPersonHit(agent.page, new URL(agent.page.url()).pathname.split('/').pop()!);
    expect(await row.textContent()).toContain(stored.caseNumber);
    expect(await row.getByTestId('hit-name-forms').textContent()).toBe(fill(en.hits.nameForms, { own: en.forms.ALIAS, other: en.forms.LEGAL }));
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
  });

  it('lets an agent add an alias on the case page, in Spanish, and see the hit against an older case', async () => {
    const es = caseStrings('es');
    const [legal, alias] = [freshName(), freshName()];
    const older = await caseWithSubjects(await login('ice.agent'), [{ kind: 'PERSON', fullName: alias, dateOfBirth: '1966-10-30' }]);
    const atf = await login('atf.agent');
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: legal, dateOfBirth: '1966-10-30' }]);
    expect((await http('GET', `/cases/${query.id}/hits`, { token: atf })).body.items).toEqual([]);

    agent = await openConsole(browser, { locale: 'es-MX' });
    await signIn(agent.page, 'atf.agent');
    await agent.page.goto(`/cases/${query.id}`);
    await agent.page.getByRole('button', { name: fill(es.forms.addFor, { name: legal }) }).click();
    const addForm = agent.page.getByRole('form', { name: fill(es.forms.addFor, { name: legal }) });
    // A repeat of the subject's own name is refused with the API's Spanish message beside the field.
    await addForm.getByLabel(labelled(es.forms.name)).fill(legal.toUpperCase());
    await addForm.getByRole('button', { name: es.forms.save }).click();
    await agent.page.locator('[data-field-error="aliases"]').waitFor();
    expect(await agent.page.locator('[data-field-error="aliases"]').textContent()).toBe('[0] ya es un nombre del sujeto');
    await addForm.getByLabel(labelled(es.forms.form)).selectOption('ALIAS');
    await addForm.getByLabel(labelled(es.forms.name)).fill(alias);
    await addForm.getByRole('button', { name: es.forms.save }).click();

    const row = await shownPersonHit(agent.page, query.id);
    expect(await row.textContent()).toContain(older.caseNumber);
    expect(await row.getByTestId('hit-name-forms').textContent()).toBe(fill(es.hits.nameForms, { own: es.forms.ALIAS, other: es.forms.LEGAL }));
    expect(await agent.page.getByTestId('subject-aliases').textContent()).toBe(fill(es.forms.aliasesOf, { names: alias }));
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
  });
});
