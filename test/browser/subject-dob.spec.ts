import type { Browser } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { capitalised, caseWithSubjects, COMMON_NAMESAKES, distinctDobs } from '../support/review-fixtures';
import { caseStrings, labelled } from './support/case-form';
import { launchBrowser, openConsole, seriousA11yViolations, signIn, type UserPage } from './support/browser';

/**
 * Issue 16 on the case page: the lead agent answers the "ambiguous, add a DOB" prompt in place; matching runs again
 * and the real hit appears, CONFIRMED, while the prompt goes away.
 */
describe('case page: adding a DOB to an ambiguous person', () => {
  let browser: Browser;
  let agent: UserPage | undefined;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterEach(async () => { await agent?.context.close().catch(() => undefined); agent = undefined; });
  afterAll(async () => { await browser?.close(); });

  for (const language of ['en', 'es'] as const) {
    it(`the agent enters the DOB in the prompt and the hit appears (${language})`, async () => {
      const strings = caseStrings(language);
      const [ice, atf] = await Promise.all(['ice.agent', 'atf.agent'].map((u) => login(u)));
      const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
      const dobs = distinctDobs(COMMON_NAMESAKES);
      const stored = await caseWithSubjects(ice, dobs.map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
      const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name }]);
      const detail = (await http('GET', `/cases/${query.id}`, { token: atf })).body;
      await eventually(
        () => http('GET', `/notifications?limit=500&since=${encodeURIComponent(detail.createdAt)}`, { token: atf }),
        (r) => r.body.items.some((n: any) => n.kind === 'person.ambiguous' && n.payload.caseId === query.id),
      );

      agent = await openConsole(browser);
      await signIn(agent.page, 'atf.agent');
      if (language === 'es') await agent.page.getByLabel('Language').selectOption('es');
      await agent.page.goto(`/cases/${query.id}`);
      const prompt = agent.page.getByTestId('ambiguous-name-prompt');
      await prompt.waitFor();
      const form = prompt.getByRole('form', { name: strings.ambiguous.formLabel.replace('{{name}}', name) });
      // A date in the future is refused next to the field, in the reader's language; nothing changes.
      await form.getByLabel(labelled(strings.ambiguous.dateOfBirth)).fill('2999-01-01');
      await form.getByRole('button', { name: strings.ambiguous.submit }).click();
      await form.locator('[data-field-error="dateOfBirth"]').waitFor();
      expect((await http('GET', `/cases/${query.id}`, { token: atf })).body.subjects[0].dateOfBirth ?? null).toBeNull();

      await form.getByLabel(labelled(strings.ambiguous.dateOfBirth)).fill(dobs[6]);
      await form.getByRole('button', { name: strings.ambiguous.submit }).click();
      const row = agent.page.getByTestId('case-hits').locator('[data-testid="case-hit"][data-match-type="PERSON"]');
      await row.waitFor();
      expect(await row.locator('[data-tier]').getAttribute('data-tier')).toBe('CONFIRMED');
      expect(await row.textContent()).toContain(stored.caseNumber);
      await prompt.waitFor({ state: 'detached' });
      expect(await agent.page.getByRole('region', { name: strings.page.items, exact: true }).textContent()).toContain(`${name} · ${dobs[6]}`);
      expect(await seriousA11yViolations(agent.page)).toEqual([]);
    });
  }
});
