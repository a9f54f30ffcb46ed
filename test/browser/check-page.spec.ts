import type { Browser } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';
import { CaseForm, caseStrings, digits } from './support/case-form';
import { companyWord } from '../support/company-words';
import { startExtraApi } from '../support/extra-api';
import { createAccount } from '../support/identity';
import { capitalised, caseWithSubjects, COMMON_NAMESAKES, distinctDobs } from '../support/review-fixtures';
import { CHECK_TEST_ENV } from '../support/stack';

/**
 * The console's check page: an agent checks values without opening a case and learns whom to call, with the person
 * tier (issue 16); the agency whose item was met sees the check in its log (issue 22's "a check is not silent").
 */
describe('checking values from the console', () => {
  let browser: Browser;
  let ice: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    ice = await login('ice.agent');
  });
  afterAll(async () => { await browser?.close(); });

  it('refuses an unreadable phone at its field, answers a clear check, then names whom to call with the tier, and the owner sees the check', async () => {
    const [a, b] = [digits(3), digits(4)];
    const person = `Lucía ${capitalised(uniqueWord())} ${capitalised(uniqueWord(9))}`;
    const created = await http('POST', '/cases', { token: ice, body: {
      title: `Checked from the console ${uniqueWord()}`, category: 'ARMS_TRAFFICKING',
      identifiers: [{ type: 'PHONE', value: `+1 (520) ${a}-${b}` }],
      subjects: [{ kind: 'PERSON', fullName: person, dateOfBirth: '1979-04-03' }],
    } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    const caseNumber = created.body.caseNumber as string;

    const agent = await openConsole(browser);
    try {
      const { page } = agent;
      await signIn(page, 'atf.agent');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Check', exact: true }).click();
      await page.getByRole('heading', { name: 'Check before you act', level: 1 }).waitFor();
      const run = page.getByRole('button', { name: 'Run check' });
      expect(await run.isDisabled()).toBe(true);

      const form = new CaseForm(page, caseStrings('en'));
      await form.addIdentifier(1, 'abc', { type: 'PHONE' });
      await run.click();
      await form.fieldError('identifiers.0.value').waitFor();
      expect(await form.fieldError('identifiers.0.value').textContent()).toMatch(/phone number/);

      const value = form.group(form.s.form.identifierN, 1).getByLabel(/^Value/);
      await value.fill(`+1 (928) ${digits(3)}-${digits(4)}`);
      await run.click();
      const answer = page.getByRole('region', { name: 'Result' });
      await answer.getByRole('status').filter({ hasText: 'No case or lookout of any agency meets these values.' }).waitFor();
      // The answer takes the focus, so it is scrolled into view and read out.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Result');

      await value.fill(`520.${a}.${b}`);
      await form.addPerson(1, { fullName: person.replace('í', 'i'), dateOfBirth: '1979-04-03' });
      await run.click();
      await answer.getByRole('status').filter({ hasText: '2 meetings with other cases or lookouts' }).waitFor();
      const phoneRow = answer.getByRole('row').filter({ hasText: `520.${a}.${b}` });
      expect(await phoneRow.getByRole('cell').allTextContents())
        .toEqual([`520.${a}.${b}`, 'Phone', '', 'ICE', caseNumber, 'Irene Castillo · +12025550101']);
      const personRow = answer.getByRole('row').filter({ hasText: person.replace('í', 'i') });
      expect(await personRow.locator('[data-tier]').getAttribute('data-tier')).toBe('CONFIRMED');
      expect(await personRow.getByRole('cell').nth(4).textContent()).toBe(caseNumber);
      // The values stay, so one can be corrected and checked again.
      expect(await value.inputValue()).toBe(`520.${a}.${b}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'check-page-answer');
    } finally {
      await agent.context.close();
    }

    const owner = await openConsole(browser);
    try {
      const { page } = owner;
      await signIn(page, 'ice.agent');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Check', exact: true }).click();
      const log = page.getByRole('region', { name: 'Check log' });
      const received = log.getByRole('row').filter({ hasText: `Phone: ICE ${caseNumber}` });
      await received.waitFor();
      expect(await received.getByRole('cell').nth(1).textContent()).toMatch(/^ATF · /);
      expect(await received.textContent()).not.toContain(`${a}`.concat(b));
      await screenshot(page, 'check-page-received');
    } finally {
      await owner.context.close();
    }
  }, 120_000);

  it('answers a common name without a DOB in Spanish as one ambiguous entry that says a DOB would decide it', async () => {
    const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    await caseWithSubjects(ice, distinctDobs(COMMON_NAMESAKES).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    const agent = await openConsole(browser, { locale: 'es-MX', timezoneId: 'America/Mexico_City' });
    try {
      const { page } = agent;
      await signIn(page, 'dea.agent');
      await page.getByRole('navigation').getByRole('link', { name: 'Consultar', exact: true }).click();
      await page.getByRole('heading', { name: 'Consultar antes de actuar', level: 1 }).waitFor();
      await new CaseForm(page, caseStrings('es')).addPerson(1, { fullName: name });
      await page.getByRole('button', { name: 'Consultar', exact: true }).click();
      const answer = page.getByRole('region', { name: 'Resultado' });
      const note = answer.getByRole('note');
      await note.waitFor();
      expect(await note.getByRole('heading').textContent()).toBe('Demasiados valores registrados para responder uno por uno');
      const entry = await note.getByRole('listitem').textContent();
      expect(entry).toContain(name);
      expect(entry).toContain(`${COMMON_NAMESAKES} personas registradas con un nombre así en 1 caso de la agencia ICE`);
      expect(entry).toContain('Una fecha de nacimiento o un identificador');
      // No namesake is answered one by one.
      expect(await answer.getByRole('table').count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'check-page-ambiguous-es');
    } finally {
      await agent.context.close();
    }
  }, 120_000);

  it('meets the same company written another way, and not a company that shares only its generic words', async () => {
    // Five-letter surnames: the two companies' whole names meet at trigram 0.68, above ORGANIZATION_MATCH_THRESHOLD.
    const [surname, other] = [companyWord('checkedInBrowser'), companyWord('generic')];
    const stored = await caseWithSubjects(ice, [{ kind: 'ORGANIZATION', name: `Comercializadora ${surname} Hermanos S.A. de C.V.`, orgType: 'BUSINESS' }]);
    const agent = await openConsole(browser);
    try {
      const { page } = agent;
      await signIn(page, 'fbi.agent');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Check', exact: true }).click();
      const form = new CaseForm(page, caseStrings('en'));
      await form.addOrganization(1, { name: `Comercializadora ${other} Hermanos` });
      const answer = page.getByRole('region', { name: 'Result' });
      await page.getByRole('button', { name: 'Run check' }).click();
      await answer.getByRole('status').filter({ hasText: 'No case or lookout of any agency meets these values.' }).waitFor();

      await form.group(form.s.form.subjectN, 1).getByLabel(/^Organization name/).fill(`COMERCIALIZADORA ${surname.toUpperCase()} HNOS`);
      await page.getByRole('button', { name: 'Run check' }).click();
      await answer.getByRole('status').filter({ hasText: '1 meeting with another case or lookout' }).waitFor();
      const row = answer.getByRole('row').filter({ hasText: `COMERCIALIZADORA ${surname.toUpperCase()} HNOS` });
      expect(await row.getByRole('cell').nth(4).textContent()).toBe(stored.caseNumber);
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await agent.context.close();
    }
  }, 120_000);

  it('tells the owner on the open console who checked which case and leads to the log; the desk hears of repeated checks, in Spanish', async () => {
    // A process of its own whose pattern threshold is 3 checks (CHECK_TEST_ENV); the consoles listen on the main API.
    const api = await startExtraApi('api-check-notices', CHECK_TEST_ENV);
    const [a, b] = [digits(3), digits(4)];
    const created = await http('POST', '/cases', { token: ice, body: {
      title: `Checked repeatedly ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', identifiers: [{ type: 'PHONE', value: `+1 (480) ${a}-${b}` }],
    } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    const caseNumber = created.body.caseNumber as string;
    const owner = await openConsole(browser);
    const desk = await openConsole(browser);
    try {
      await signIn(owner.page, 'ice.agent');
      await desk.page.goto('/login');
      await desk.page.getByLabel('Language').selectOption('es');
      await signIn(desk.page, 'coordinator');
      for (const { page } of [owner, desk]) await page.locator('[data-stream-status="live"]').waitFor();

      // Three ATF agents check the case's phone, each once: the third check reaches the threshold.
      for (let n = 0; n < 3; n += 1) {
        const account = await createAccount(['CASE_AGENT'], { agency: 'ATF', baseUrl: api.url, prefix: 'prober' });
        const token = (await http('POST', '/auth/token', { baseUrl: api.url, body: { username: account.username, password: account.password } })).body.accessToken;
        const check = await http('POST', '/deconfliction/checks', { baseUrl: api.url, token, body: { identifiers: [{ type: 'PHONE', value: `480${a}${b}` }] } });
        expect(check.status).toBe(200);
      }

      await owner.page.getByRole('button', { name: /^Notifications · \d+ new/ }).click();
      const told = owner.page.getByRole('region', { name: 'Notifications' })
        .locator('[data-notification-kind="deconfliction.check_matched"]').filter({ hasText: caseNumber });
      await told.first().waitFor();
      expect(await told.count()).toBe(3);
      expect(await told.first().textContent()).toContain('Checked by another agency');
      expect(await told.first().textContent()).toContain(`ATF · Test Person checked Phone: ICE ${caseNumber}`);
      expect(await told.first().textContent()).not.toContain(`${a}${b}`);
      expect(await seriousA11yViolations(owner.page)).toEqual([]);
      await screenshot(owner.page, 'tray-check-matched');
      await told.first().getByRole('link', { name: 'Open' }).click();
      await owner.page.getByRole('region', { name: 'Check log' }).getByRole('row').filter({ hasText: `Phone: ICE ${caseNumber}` }).first().waitFor();

      await desk.page.getByRole('button', { name: /^Notificaciones · \d+ nuevas?/ }).click();
      const alert = desk.page.getByRole('region', { name: 'Notificaciones' })
        .locator('[data-notification-kind="deconfliction.check_pattern_alert"]').filter({ hasText: caseNumber });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Consultas repetidas sobre un elemento');
      expect(await alert.textContent()).toContain(`ATF consultó Teléfono: ICE ${caseNumber} 3 veces`);
      expect(await alert.getByRole('link', { name: 'Abrir' }).getAttribute('href')).toBe('/checks');
      await screenshot(desk.page, 'tray-check-pattern-alert');
    } finally {
      await owner.context.close();
      await desk.context.close();
      await api.stop();
    }
  }, 120_000);

  it("says when a user's check budget is used up, in the API's words, and keeps what was typed", async () => {
    // A process of its own with a budget of 4 values an hour (CHECK_TEST_ENV), and a user no other test charged.
    const api = await startExtraApi('api-check-page', CHECK_TEST_ENV);
    const agent = await openConsole(browser, { baseURL: api.url });
    try {
      const account = await createAccount(['CASE_AGENT'], { agency: 'ATF', baseUrl: api.url, prefix: 'checker' });
      const { page } = agent;
      await signIn(page, account.username, account.password);
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Check', exact: true }).click();
      const form = new CaseForm(page, caseStrings('en'));
      for (let n = 1; n <= 4; n += 1) await form.addIdentifier(n, `${uniqueWord()}@example.org`, { type: 'EMAIL' });
      const run = page.getByRole('button', { name: 'Run check' });
      await run.click();
      await page.getByRole('region', { name: 'Result' }).getByRole('status').filter({ hasText: 'No case or lookout' }).waitFor();

      for (let n = 4; n >= 2; n -= 1) await form.group(form.s.form.identifierN, n).getByRole('button', { name: /^Remove/ }).click();
      const last = `${uniqueWord()}@example.org`;
      await form.group(form.s.form.identifierN, 1).getByLabel(/^Value/).fill(last);
      await run.click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Check budget used up' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/at most 4 values may be checked in 1 hour\(s\); retry in \d+ seconds, or call the watch desk/);
      expect(await page.getByRole('region', { name: 'Result' }).count()).toBe(0);
      expect(await form.group(form.s.form.identifierN, 1).getByLabel(/^Value/).inputValue()).toBe(last);
      await screenshot(page, 'check-page-budget');
    } finally {
      await agent.context.close();
      await api.stop();
    }
  }, 120_000);
});
