import type { Browser, Page, Route } from 'playwright-core';
import { DEMO_PASSWORD, eventually, http, login, uniqueWord } from '../support/http';
import { CaseForm, caseStrings, labelled, digits } from './support/case-form';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Journey 7 (issue 14): bad input, a lost connection and an ended session each leave the user on a clear message with
 * what they typed intact; submitting again opens exactly one case (the form reuses its Idempotency-Key).
 * Journey 6: the PGR liaison works in Spanish, validation messages included.
 */
describe('journey 7: the case form survives bad input, a lost connection and an ended session', () => {
  let browser: Browser;
  let iceToken: string;
  beforeAll(async () => { browser = await launchBrowser(); iceToken = await login('ice.agent'); });
  afterAll(async () => { await browser?.close(); });

  const en = caseStrings('en');

  /** How many of the agency's cases carry this title, asked of the API itself (every page of the list). */
  async function casesTitled(title: string, token = iceToken): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { title: string }[]; nextCursor: string | null } } =
        await http('GET', `/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
      expect(page.status).toBe(200);
      count += page.body.items.filter((c) => c.title === title).length;
      cursor = page.body.nextCursor;
    } while (cursor);
    return count;
  }

  /** Fills the form with a title, summary and one phone; returns what was typed, to check it is still there. */
  async function typeCase(form: CaseForm, title: string) {
    const typed = { title, summary: `Summary ${uniqueWord()}`, phone: `+1 (602) 5${digits(2)}-${digits(4)}` };
    await form.field(en.fields.title).fill(typed.title);
    await form.field(en.fields.summary).fill(typed.summary);
    await form.addIdentifier(1, typed.phone);
    return typed;
  }

  async function expectTyped(page: Page, form: CaseForm, typed: { title: string; summary: string; phone: string }) {
    expect(await form.field(en.fields.title).inputValue()).toBe(typed.title);
    expect(await form.field(en.fields.summary).inputValue()).toBe(typed.summary);
    expect(await form.group(en.form.identifierN, 1).getByLabel(labelled(en.fields.value)).inputValue()).toBe(typed.phone);
  }

  const isCasePost = (url: URL) => url.pathname === '/cases';

  it('(a) shows the API’s messages next to a missing title and a malformed identifier, keeping everything typed', async () => {
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'ice.agent');
      const form = new CaseForm(page, en);
      await form.openFromNav();
      const summary = `Summary ${uniqueWord()}`;
      await form.field(en.fields.summary).fill(summary);
      await form.addIdentifier(1, 'call me maybe');
      await form.submit();

      // The DTO check comes first: the title is named, next to its field.
      await form.fieldError('title').waitFor();
      expect(await form.fieldError('title').textContent()).toMatch(/empty|required/i);
      expect(await form.field(en.fields.title).getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('alert').first().waitFor();
      expect(await form.field(en.fields.summary).inputValue()).toBe(summary);
      const value = form.group(en.form.identifierN, 1).getByLabel(labelled(en.fields.value));
      expect(await value.inputValue()).toBe('call me maybe');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'case-new-form-errors');

      // With a title, the unreadable phone is named next to its own field; the title error is gone.
      const title = `Bad input ${uniqueWord()}`;
      await form.field(en.fields.title).fill(title);
      await form.submit();
      await form.fieldError('identifiers.0.value').waitFor();
      expect(await form.fieldError('identifiers.0.value').textContent()).toMatch(/phone number/i);
      expect(await form.fieldError('title').count()).toBe(0);
      expect(await value.inputValue()).toBe('call me maybe');
      expect(await form.field(en.fields.title).inputValue()).toBe(title);
      expect(await casesTitled(title)).toBe(0);

      // Corrected, it goes through and lands on the case page.
      await value.fill(`+1 (602) 5${digits(2)}-${digits(4)}`);
      await form.submit();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
      expect(await casesTitled(title)).toBe(1);
    } finally {
      await context.close();
    }
  });

  for (const variant of ['the request never reaches the API', 'the API acts but its answer is lost'] as const) {
    it(`(b) lost connection (${variant}): a clear message, values intact, and one case after submitting again`, async () => {
      const { context, page } = await openConsole(browser);
      try {
        await signIn(page, 'ice.agent');
        const form = new CaseForm(page, en);
        await form.openFromNav();
        const typed = await typeCase(form, `Lost answer ${uniqueWord()}`);
        const keys: string[] = [];
        let cut = 0;
        const handler = async (route: Route) => {
          if (route.request().method() !== 'POST') return route.continue();
          keys.push(route.request().headers()['idempotency-key']);
          cut += 1;
          if (variant === 'the API acts but its answer is lost') await route.fetch();
          return route.abort('connectionreset');
        };
        await page.route(isCasePost, handler);
        await form.submit();
        const alert = page.getByRole('alert').filter({ hasText: /cannot be reached/ });
        await alert.waitFor();
        expect(cut).toBe(1);
        await expectTyped(page, form, typed);
        expect(page.url()).toMatch(/\/cases\/new$/);
        if (variant === 'the API acts but its answer is lost') {
          // The case exists already: a second case from the retry would be the failure this journey guards against.
          await eventually(() => casesTitled(typed.title), (n) => n === 1);
        } else {
          expect(await casesTitled(typed.title)).toBe(0);
        }

        await page.unroute(isCasePost, handler);
        const retried = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/cases');
        await form.submit();
        expect((await retried).headers()['idempotency-key']).toBe(keys[0]);
        await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
        await page.getByRole('heading', { level: 1, name: new RegExp(typed.title) }).waitFor();
        expect(await casesTitled(typed.title)).toBe(1);
      } finally {
        await context.close();
      }
    });
  }

  it('(c) ended session: the sign-in dialog opens over the form, and after signing in the same values are submitted once', async () => {
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'ice.agent');
      const form = new CaseForm(page, en);
      await form.openFromNav();
      const typed = await typeCase(form, `Session ended ${uniqueWord()}`);
      const token = await page.evaluate(() => {
        const storage = (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage;
        return JSON.parse(storage.getItem('casecoord.session') ?? '{}').token as string;
      });
      expect((await http('POST', '/auth/logout', { token })).status).toBeLessThan(300);

      await form.submit();
      const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
      await dialog.waitFor();
      await expectTyped(page, form, typed);
      await screenshot(page, 'case-new-form-session-ended');
      await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expectTyped(page, form, typed);
      expect(await casesTitled(typed.title)).toBe(0);

      await form.submit();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: new RegExp(typed.title) }).waitFor();
      expect(await casesTitled(typed.title)).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('journey 6: the PGR liaison works in Spanish', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  const es = caseStrings('es');

  it('switches to Español, opens a case through the form with a Spanish validation message on the way, and reads it in Spanish', async () => {
    const { context, page } = await openConsole(browser, { locale: 'en-US', timezoneId: 'America/Mexico_City' });
    try {
      await signIn(page, 'pgr.liaison');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('navigation').getByRole('link', { name: es.nav.myCases, exact: true }).click();
      await page.locator('[data-testid="case-list"][data-ready="true"]').waitFor();
      await page.getByRole('heading', { level: 1, name: es.list.title }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      const form = new CaseForm(page, es);
      await form.openFromNav();
      const summary = `Armas cruzando por Ciudad Juárez ${uniqueWord()}`;
      await form.field(es.fields.summary).fill(summary);
      await form.field(es.fields.category).selectOption('ARMS_TRAFFICKING');
      await form.addIdentifier(1, `+52 656 ${digits(3)} ${digits(4)}`, { region: 'MX' });
      const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/cases');
      await form.submit();
      expect((await sent).headers()['accept-language']).toBe('es');
      await form.fieldError('title').waitFor();
      expect(await form.fieldError('title').textContent()).toMatch(/no debe estar vacío|es obligatorio/);
      await page.getByRole('alert').filter({ hasText: /corrija|campos/i }).first().waitFor();
      expect(await form.field(es.fields.summary).inputValue()).toBe(summary);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'case-new-form-es');

      const title = `Caso PGR ${uniqueWord()}`;
      await form.field(es.fields.title).fill(title);
      await form.submit();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
      await page.getByRole('heading', { level: 2, name: es.hits.title, exact: true }).waitFor();
      await page.getByRole('heading', { level: 2, name: es.page.items, exact: true }).waitFor();
      await page.getByText(es.hits.empty).waitFor();
      await page.getByRole('heading', { level: 2, name: es.close.title, exact: true }).waitFor();
      expect(await page.getByTestId('case-status').textContent()).toMatch(new RegExp(`${es.statuses.INTAKE}|${es.statuses.DECONFLICTION}|${es.statuses.ACTIVE}`));
      expect(await page.locator('main').textContent()).not.toMatch(/Deconfliction hits|Referrals|Close the case/);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'case-page-es');
    } finally {
      await context.close();
    }
  });
});
