/// <reference lib="dom" />
// Page code passed to page.evaluate runs in the browser and names its globals (window, document, sessionStorage).
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../../libs/devstack/chromium';
export { CHROMIUM_PATH } from '../../../libs/devstack/chromium';
import { DEMO_PASSWORD } from '../../support/http';
import { readStack } from '../../support/stack';

/** Where each main page's screenshot goes; global setup prints it. */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.resolve(__dirname, '..', '..', '..', 'test-results', 'screenshots');

/** Debian's Chromium with this machine's flags (libs/devstack/chromium.ts, shared with bench:web). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export interface UserPage { context: BrowserContext; page: Page }

/** A user's own browser profile: a laptop screen, their language and time zone. */
export async function openConsole(
  browser: Browser, options: { locale?: string; timezoneId?: string; baseURL?: string } = {},
): Promise<UserPage> {
  const context = await browser.newContext({
    baseURL: options.baseURL ?? readStack().apiUrl,
    viewport: { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'America/Chicago',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the sign-in form, as a person does, and waits for the signed-in frame. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#sign-in-username').fill(username);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('form.sign-in button[type=submit]').click();
  await page.getByTestId('identity').waitFor();
}

/** A full-page screenshot under SCREENSHOT_DIR, for the README and for a person reviewing the run. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface A11yViolation { id: string; impact: string | null; help: string; targets: string[] }

/**
 * axe-core's serious and critical violations on the page as it is now. The engine is evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy (no inline scripts) does not apply to.
 */
export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => String(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
