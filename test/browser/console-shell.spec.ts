/// <reference lib="dom" />
// Page code passed to page.evaluate runs in the browser and names its globals (window, document, sessionStorage).
import type { Browser } from 'playwright-core';
import { http } from '../support/http';
import { readStack } from '../support/stack';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/** The console's frame: served by the API at `/`, sign-in and out, identity, language, the live tray. */
describe('console shell', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('is served by the API at / and on every page a browser opens, while the same paths still answer JSON to the API', async () => {
    const { apiUrl } = readStack();
    const root = await fetch(`${apiUrl}/`, { headers: { accept: 'text/html' } });
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await root.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${apiUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');

    const deepLink = await fetch(`${apiUrl}/cases/00000000-0000-4000-8000-000000000000`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toBe(html);
    const api = await http('GET', '/cases/00000000-0000-4000-8000-000000000000');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('signs a user in, shows who they are, and signs them out so the token no longer works', async () => {
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'cbp.officer');
      const identity = page.getByTestId('identity');
      await expect(identity.textContent()).resolves.toContain('cbp.officer');
      await expect(identity.textContent()).resolves.toContain('CBP');
      await expect(identity.textContent()).resolves.toContain('Referral officer');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.locator('[data-stream-status="live"]').waitFor();
      await screenshot(page, 'home');

      const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('casecoord.session') ?? '{}').token as string);
      expect(token).toBeTruthy();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.locator('#sign-in-username').waitFor();
      expect((await http('GET', '/cases', { token })).status).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('keeps the username and says why when sign-in is refused, in the language chosen, and remembers that language', async () => {
    const { context, page } = await openConsole(browser);
    try {
      await page.goto('/login');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByLabel('Language').selectOption('es');
      await page.locator('#sign-in-username').fill('pgr.liaison');
      await page.locator('#sign-in-password').fill('not-the-password');
      const sent = page.waitForRequest((request) => request.url().endsWith('/auth/token'));
      await page.getByRole('button', { name: 'Entrar' }).click();
      expect((await sent).headers()['accept-language']).toBe('es');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/credenciales|contraseña|usuario/i);
      expect(await page.locator('#sign-in-username').inputValue()).toBe('pgr.liaison');

      await page.reload();
      await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
      await signIn(page, 'pgr.liaison');
      expect(await page.getByTestId('identity').textContent()).toContain('Agente de casos');
    } finally {
      await context.close();
    }
  });

  it('sends a deep link that needs a session to sign-in and back to it afterwards', async () => {
    const { context, page } = await openConsole(browser);
    try {
      await page.goto('/some/page?x=1');
      await page.locator('#sign-in-username').waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe('/some/page?x=1');
    } finally {
      await context.close();
    }
  });
});
