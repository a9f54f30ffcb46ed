import type { Browser, Page } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { notificationsSince } from '../support/notifications';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn, type UserPage } from './support/browser';

/**
 * Issue 17 in the console: a coordinator's resolution takes effect on both agents' screens. JOINT_INVESTIGATION puts
 * each agency's case in the other's "shared with us" list; the coordinator then reopens the hit with a reason and
 * resolves it as DEFER, naming the case that defers, whose agent alone is told. Cases are set up through the API.
 */
describe('a resolution takes effect on both agents\' screens', () => {
  let browser: Browser;
  const opened: UserPage[] = [];
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    await browser?.close();
  });

  async function activeCase(username: string, email: string) {
    const token = await login(username);
    const created = await http('POST', '/cases', {
      token, body: { title: `Effects ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', identifiers: [{ type: 'EMAIL', value: email }] },
    });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return { ...(created.body as { id: string; caseNumber: string }), token };
  }
  async function openAs(username: string): Promise<Page> {
    const user = await openConsole(browser);
    opened.push(user);
    await signIn(user.page, username);
    await user.page.locator('[data-stream-status="live"]').waitFor();
    return user.page;
  }
  const sharedList = async (page: Page) => {
    await page.goto('/cases?scope=shared');
    await page.getByRole('heading', { level: 1 }).waitFor();
  };

  it('JOINT_INVESTIGATION shares both cases; reopened and DEFERred, only the deferring agent is told', async () => {
    const testStart = new Date(Date.now() - 1000).toISOString();
    const email = `${uniqueWord()}@example.org`;
    const ice = await activeCase('ice.agent', email);
    const atf = await activeCase('atf.agent', email);
    const [hit] = (await eventually(() => http('GET', `/cases/${atf.id}/hits`, { token: atf.token }), (r) => r.body.items?.length === 1)).body.items;

    const atfPage = await openAs('atf.agent');
    const icePage = await openAs('ice.agent');
    await sharedList(atfPage);
    expect(await atfPage.getByText(ice.caseNumber).count()).toBe(0);

    const desk = await openAs('coordinator');
    await desk.goto(`/deconfliction/hits/${hit.id}`);
    await desk.getByRole('heading', { name: 'Hit: Email' }).waitFor();
    await desk.getByLabel(/^Resolution/).selectOption('JOINT_INVESTIGATION');
    await desk.getByLabel(/^Coordination note/).fill('Both agents agreed to work the address together.');
    await desk.getByRole('button', { name: 'Resolve' }).click();
    await desk.getByRole('heading', { name: 'Resolution on record' }).waitFor();

    // Each agent now finds the other agency's case among the cases shared with it, and can open it.
    for (const [page, other] of [[atfPage, ice], [icePage, atf]] as const) {
      await sharedList(page);
      await page.getByRole('link', { name: new RegExp(other.caseNumber) }).first().waitFor();
    }
    await atfPage.getByRole('link', { name: new RegExp(ice.caseNumber) }).first().click();
    await atfPage.getByRole('heading', { name: new RegExp(ice.caseNumber) }).first().waitFor();
    expect(await seriousA11yViolations(atfPage)).toEqual([]);
    await screenshot(atfPage, 'hit-joint-investigation-shared-case');

    // Reopened with a reason: the hit is open again, the reason on the page.
    await desk.getByLabel(/^Reason for reopening/).fill('ICE learned the address belongs to a front company.');
    await desk.getByRole('button', { name: 'Reopen' }).click();
    await desk.getByTestId('reopened-note').filter({ hasText: 'front company' }).waitFor();
    expect(await seriousA11yViolations(desk)).toEqual([]);

    // DEFER asks which case defers; ATF's.
    await desk.getByLabel(/^Resolution/).selectOption('DEFER');
    await desk.getByLabel(/^Which case defers/).selectOption(atf.id);
    await desk.getByLabel(/^Coordination note/).fill('ATF stands down until ICE executes its warrant.');
    await desk.getByRole('button', { name: 'Resolve' }).click();
    await desk.getByTestId('deferring-case').filter({ hasText: atf.caseNumber }).waitFor();
    await screenshot(desk, 'hit-deferred');

    // The ATF agent's open console shows the deferral; the ICE agent is told of the resolution only.
    await atfPage.getByRole('button', { name: /^Notifications · \d+ new/ }).click();
    await atfPage.getByRole('region', { name: 'Notifications' }).getByText('Your case defers to another case').first().waitFor();
    const iceKinds = (await notificationsSince(ice.token, testStart)).filter((n) => n.entityId === hit.id).map((n) => n.kind);
    expect(iceKinds).toContain('hit.resolved');
    expect(iceKinds).not.toContain('hit.deferred');
  }, 180_000);
});
