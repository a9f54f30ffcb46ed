import type { Browser, Page } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn, type UserPage } from './support/browser';

/**
 * Journey 2 (issue 14): the coordinator sees an event conflict between ATF and ICE at the top of the live queue and on
 * the map of planned operations, opens it, and resolves it with a resolution and a note; both agents, each in their
 * own browser with the console open, see the resolution arrive. The two cases are set up through the API (opening a
 * case in the console is journey 1's part); the coordinator acts through the UI only.
 */
const MINUTE = 60_000;

describe('journey 2: the coordinator resolves an event conflict', () => {
  let browser: Browser;
  const opened: UserPage[] = [];
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    await browser?.close();
  });

  async function activeCase(username: string, operation: Record<string, unknown>) {
    const token = await login(username);
    const created = await http('POST', '/cases', {
      token, body: { title: `Journey 2 ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', operations: [operation] },
    });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return { ...(created.body as { id: string; caseNumber: string }), token };
  }
  async function openAs(username: string, timezoneId = 'America/Chicago'): Promise<Page> {
    const user = await openConsole(browser, { timezoneId });
    opened.push(user);
    await signIn(user.page, username);
    await user.page.locator('[data-stream-status="live"]').waitFor();
    return user.page;
  }
  /** The value a datetime-local input takes for an instant, in the page's own time zone. */
  const localInput = (page: Page, iso: string) => page.evaluate((value) => {
    const d = new Date(value);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }, iso);

  it('shows the conflict first in the queue and on the map, resolves it, and both agents see the resolution', async () => {
    // Sooner than any other spec's operation (theirs start in 2027 or later), at a place no other spec uses.
    const startsAt = Math.ceil((Date.now() + 20 * MINUTE) / MINUTE) * MINUTE;
    const place = { latitude: 60 + Math.random() * 5, longitude: 20 + Math.random() * 10 };
    const atf = await activeCase('atf.agent', {
      type: 'SEARCH_WARRANT', ...place, radiusMeters: 400,
      startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 120 * MINUTE).toISOString(),
    });
    const ice = await activeCase('ice.agent', {
      type: 'CONTROLLED_DELIVERY', ...place, latitude: place.latitude + 0.002, radiusMeters: 300,
      startsAt: new Date(startsAt + 30 * MINUTE).toISOString(), endsAt: new Date(startsAt + 180 * MINUTE).toISOString(),
    });
    const [hit] = (await eventually(() => http('GET', `/cases/${ice.id}/hits`, { token: ice.token }), (r) => r.body.items?.length === 1)).body.items;
    expect(hit).toMatchObject({ matchType: 'EVENT', status: 'OPEN', counterpart: { agency: 'ATF', caseNumber: atf.caseNumber } });

    // Both agents have the console open, each in their own browser.
    const atfPage = await openAs('atf.agent');
    const icePage = await openAs('ice.agent', 'America/Phoenix');
    // Each on their own case page (a bookmark), where the hit's row will change when the desk resolves it.
    for (const [page, side] of [[atfPage, atf], [icePage, ice]] as const) {
      await page.goto(`/cases/${side.id}`);
      await page.getByTestId('case-hit').filter({ hasText: 'Open' }).waitFor();
      await page.locator('[data-stream-status="live"]').waitFor();
    }

    // The coordinator: the live queue, this conflict on top with its escalation clock.
    const desk = await openAs('coordinator');
    await desk.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Hit queue' }).click();
    const queue = desk.locator('[data-testid="hit-queue"][data-ready="true"]');
    await queue.waitFor();
    const top = queue.locator('tbody tr').first();
    expect(await top.getAttribute('data-hit-id')).toBe(hit.id);
    expect(await top.textContent()).toContain('Urgent event conflict');
    expect(await top.textContent()).toContain(`ATF ${atf.caseNumber}`);
    expect(await top.textContent()).toContain(`ICE ${ice.caseNumber}`);
    await top.getByTestId('escalation-clock').waitFor();
    expect(await top.getByTestId('escalation-clock').textContent()).toMatch(/\d+:\d\d left/);
    expect(await seriousA11yViolations(desk)).toEqual([]);
    await screenshot(desk, 'deconfliction-queue');

    // A conflict raised while the queue is open appears in it without a reload (the coordinator's stream).
    const later = { type: 'SURVEILLANCE', latitude: place.latitude - 1, longitude: place.longitude, radiusMeters: 200,
      startsAt: new Date(startsAt + 240 * MINUTE).toISOString(), endsAt: new Date(startsAt + 300 * MINUTE).toISOString() };
    await activeCase('fbi.agent', later);
    const atfSecond = await activeCase('atf.agent', later);
    const [laterHit] = (await eventually(() => http('GET', `/cases/${atfSecond.id}/hits`, { token: atfSecond.token }), (r) => r.body.items?.length === 1)).body.items;
    await queue.locator(`tr[data-hit-id="${laterHit.id}"]`).waitFor();
    expect(await queue.locator('tbody tr').first().getAttribute('data-hit-id')).toBe(hit.id);

    // The map for the operation's window: both operations, and the conflict row in the table beside the map.
    await desk.getByRole('link', { name: 'Map of planned operations' }).click();
    await desk.getByLabel('From', { exact: true }).fill(await localInput(desk, new Date(startsAt - 60 * MINUTE).toISOString()));
    await desk.getByLabel('To', { exact: true }).fill(await localInput(desk, new Date(startsAt + 60 * MINUTE).toISOString()));
    await desk.getByRole('button', { name: 'Show operations' }).click();
    const conflictRow = desk.getByTestId('conflict-table').getByRole('row')
      .filter({ hasText: `ATF ${atf.caseNumber}` }).filter({ hasText: `ICE ${ice.caseNumber}` });
    await conflictRow.waitFor();
    expect(await conflictRow.textContent()).toContain('Open');
    const operations = desk.getByTestId('operation-table');
    await operations.getByRole('row').filter({ hasText: `ATF ${atf.caseNumber}` }).waitFor();
    await operations.getByRole('row').filter({ hasText: `ICE ${ice.caseNumber}` }).waitFor();
    expect(await desk.locator('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(desk)).toEqual([]);
    await screenshot(desk, 'deconfliction-map');

    // Open it from the queue: both sides, whom to call.
    await desk.getByRole('link', { name: 'Hit queue' }).first().click();
    await queue.waitFor();
    await queue.locator(`tr[data-hit-id="${hit.id}"]`).getByRole('link').click();
    await desk.getByRole('heading', { name: 'Hit: Event conflict' }).waitFor();
    const sideA = desk.getByRole('region', { name: /^Side A:/ });
    const sideB = desk.getByRole('region', { name: /^Side B:/ });
    const sides = `${await sideA.textContent()} ${await sideB.textContent()}`;
    for (const expected of [atf.caseNumber, ice.caseNumber, 'Aaron T. Fields', 'Irene Castillo', '+12025550101']) expect(sides).toContain(expected);
    expect(await seriousA11yViolations(desk)).toEqual([]);

    // Sent without a choice: the API's field errors under the fields, nothing resolved.
    await desk.getByRole('button', { name: 'Resolve' }).click();
    await desk.locator('[data-field-error="resolution"]').waitFor();
    await desk.locator('[data-field-error="note"]').waitFor();
    expect(await seriousA11yViolations(desk)).toEqual([]);
    await screenshot(desk, 'deconfliction-hit');
    expect((await http('GET', `/deconfliction/hits/${hit.id}`, { token: await login('coordinator') })).body.status).toBe('OPEN');

    await desk.getByLabel(/^Resolution/).selectOption('JOINT_INVESTIGATION');
    await desk.getByLabel(/^Coordination note/).fill('Called both: ATF goes first at 10:00, ICE holds the delivery until cleared.');
    await desk.getByRole('button', { name: 'Resolve' }).click();
    await desk.getByRole('heading', { name: 'Resolution on record' }).waitFor();
    expect(await desk.getByRole('status').filter({ hasText: 'Joint investigation' }).count()).toBe(1);
    expect(await seriousA11yViolations(desk)).toEqual([]);
    await screenshot(desk, 'deconfliction-hit-resolved');

    // Both agents see it arrive on their open consoles, and their cases' hits say RESOLVED.
    for (const page of [atfPage, icePage]) {
      const tray = page.getByRole('button', { name: /^Notifications/ });
      await page.getByRole('button', { name: /^Notifications · \d+ new/ }).waitFor();
      await tray.click();
      await page.getByRole('region', { name: 'Notifications' }).getByText('Hit resolved').first().waitFor();
    }
    // ... and the hit's row on each open case page now reads resolved, without a reload.
    for (const page of [atfPage, icePage]) await page.getByTestId('case-hit').filter({ hasText: 'Resolved · Joint investigation' }).waitFor();
    for (const side of [atf, ice]) {
      const hits = (await http('GET', `/cases/${side.id}/hits`, { token: side.token })).body.items;
      expect(hits.find((h: { id: string }) => h.id === hit.id)).toMatchObject({ status: 'RESOLVED', resolution: 'JOINT_INVESTIGATION' });
    }
    await http('POST', `/deconfliction/hits/${laterHit.id}/resolve`, { token: await login('coordinator'), body: { resolution: 'NO_CONFLICT', note: 'journey 2 clean-up' } });
  }, 180_000);
});
