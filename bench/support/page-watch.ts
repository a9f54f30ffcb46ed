/**
 * Functions that run inside the console's pages (Playwright serialises them), so a moment is taken where it happens:
 * a MutationObserver sees the element arrive, with no polling delay and no round trip to this process in the figure.
 */

// The few browser globals used below; the server-side tsconfig has no DOM library, and these declarations stay in
// this module.
interface Elementish { textContent: string | null }
declare const document: { querySelector(selector: string): Elementish | null; querySelectorAll(selector: string): { length: number } };
declare const window: Record<string, unknown>;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: { childList: boolean; subtree: boolean; attributes?: boolean; characterData?: boolean }): void;
  disconnect(): void;
}
declare const sessionStorage: { setItem(key: string, value: string): void };

export interface ShownState { shownAt: number | null; domContentLoaded: number | null }
export interface HitState { drawnAt: number | null; by: 'selector' | 'text' | null; needle: string | null; check: () => void }

/**
 * Init script of a fresh page: records `performance.now()` (milliseconds since this document's navigation started)
 * the first time `selector` matches, and when DOMContentLoaded fired (the entry module and its imports fetched and
 * run: the console's own start-up, before any data).
 */
export function watchShown(selector: string): void {
  const state: ShownState = { shownAt: null, domContentLoaded: null };
  window.__benchShown = state;
  const observer = new MutationObserver(() => {
    if (state.shownAt === null && document.querySelector(selector)) {
      state.shownAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  (window as unknown as { addEventListener(type: string, listener: () => void): void })
    .addEventListener('DOMContentLoaded', () => { state.domContentLoaded = performance.now(); });
}

/** Init script: the session a sign-in would have stored (lib/session.tsx reads it at start-up). */
export function storeSession(stored: string): void {
  sessionStorage.setItem('casecoord.session', stored);
}

/**
 * On an open case page: records `Date.now()` when one more `selector` element than `before` is in the document, or,
 * once `needle` is set (the other agency's case number, which a hit shows as its pointer), when the page's main
 * region contains that text. Date.now() on both sides: this process and the browser share the machine's clock.
 */
export function armHitWatch(args: { selector: string; before: number }): void {
  const state: HitState = {
    drawnAt: null, by: null, needle: null,
    check: () => {
      if (state.drawnAt !== null) return;
      if (document.querySelectorAll(args.selector).length > args.before) state.by = 'selector';
      else if (state.needle && (document.querySelector('main')?.textContent ?? '').includes(state.needle)) state.by = 'text';
      else return;
      state.drawnAt = Date.now();
      observer.disconnect();
    },
  };
  window.__benchHit = state;
  const observer = new MutationObserver(() => state.check());
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

/** Sets the text the hit watch also looks for, and looks at once (the hit may already be drawn). */
export function setHitNeedle(needle: string): void {
  const state = window.__benchHit as HitState;
  state.needle = needle;
  state.check();
}

/**
 * The page's state after `watchShown`, with its API requests (fetches, not the notification stream, which never
 * completes) answered before the selector matched: when the first was sent and when the last was answered, in the same
 * clock, so a load splits into start-up, waiting for the API, and drawing.
 */
export function shownState(): ShownState & { firstApiSent: number | null; lastApiAnswered: number | null } {
  const state = window.__benchShown as ShownState;
  const fetches = (performance.getEntriesByType('resource') as unknown as { name: string; initiatorType: string; startTime: number; responseEnd: number }[])
    .filter((e) => (e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest') && !e.name.includes('/assets/')
      && state.shownAt !== null && e.responseEnd <= state.shownAt);
  return {
    ...state,
    firstApiSent: fetches.length ? Math.min(...fetches.map((e) => e.startTime)) : null,
    lastApiAnswered: fetches.length ? Math.max(...fetches.map((e) => e.responseEnd)) : null,
  };
}
export const hitState = (): Omit<HitState, 'check'> => {
  const { drawnAt, by, needle } = window.__benchHit as HitState;
  return { drawnAt, by, needle };
};
