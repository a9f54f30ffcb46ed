import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (a browser download cannot work here); CHROMIUM_PATH for another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The flags this machine needs: without the background-networking ones Chromium keeps trying hosts the closed network
 * refuses. Playwright adds --headless and a fresh --user-data-dir of its own to every launch. Shared by the browser
 * tests (test/browser/support/browser.ts) and bench:web, so both drive the same browser the same way.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
