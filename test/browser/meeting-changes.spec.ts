import type { Browser } from 'playwright-core';
import { http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

/**
 * Issue 18 in the console: a meeting names its case (picked among the agency's cases) and its attendees, links to the
 * case, is rescheduled (the move is listed and a new notice due time shown), then cancelled (nothing more can be done).
 */
describe('meeting changes in the console: case, attendees, reschedule, cancel', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterAll(async () => { await browser?.close(); });

  it('creates a meeting about a case with an attendee, reschedules it, then cancels it', async () => {
    const word = uniqueWord(8);
    const created = await http('POST', '/cases', { token: await login('ice.agent'), body: { title: `Meeting case ${word}`, category: 'OTHER' } });
    expect(created.status).toBe(201);
    const theCase = created.body as { id: string; caseNumber: string };
    const title = `Border liaison ${word}`;

    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'ice.sac');
      await page.goto('/meetings/new');
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Counterpart country').selectOption('MX');
      await page.getByLabel('Level').selectOption('EXECUTIVE');
      await page.getByLabel('Counterpart agencies').fill('PGR');
      await page.getByLabel('Scheduled for').fill('2031-06-10T10:00');
      await page.getByLabel('Case', { exact: true }).selectOption({ label: `${theCase.caseNumber} — Meeting case ${word}` });
      await page.getByRole('button', { name: 'Add an attendee' }).click();
      await page.getByLabel('Attendee 1: name').fill('Ana Ruiz');
      await page.getByLabel('Attendee 1: agency').fill('pgr');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Create meeting' }).click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();

      expect(await page.getByRole('link', { name: 'Open the case' }).getAttribute('href')).toBe(`/cases/${theCase.id}`);
      expect(await page.getByRole('list', { name: 'Attendees' }).textContent()).toContain('Ana Ruiz (PGR)');
      await page.getByRole('heading', { level: 1 }).getByText('Scheduled').waitFor();

      await page.getByLabel('New time').fill('2031-07-01T09:30');
      await page.getByLabel('Why it moves').fill('The delegation asked for July');
      await page.getByRole('button', { name: 'Reschedule', exact: true }).click();
      const changes = page.getByTestId('meeting-changes');
      await changes.getByText('Moved by ice.sac (The delegation asked for July)', { exact: false }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'meeting-rescheduled');

      await page.getByLabel('Why it is cancelled').fill('Talks moved to the trilateral summit');
      await page.getByRole('button', { name: 'Cancel the meeting' }).click();
      await changes.getByRole('status').getByText('Cancelled by ice.sac: Talks moved to the trilateral summit', { exact: false }).waitFor();
      await page.getByRole('heading', { level: 1 }).getByText('Cancelled').waitFor();
      // Nothing more can be done on a cancelled meeting: the change and step forms are gone.
      expect(await page.getByRole('button', { name: 'Reschedule', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Notify the coordination team' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Add an attendee' }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'meeting-cancelled');

      const meetingId = new URL(page.url()).pathname.split('/').pop() ?? '';
      const stored = await http('GET', `/meetings/${meetingId}`, { token: await login('ice.sac') });
      expect(stored.body).toMatchObject({
        status: 'CANCELLED', caseId: theCase.id, attendees: [{ name: 'Ana Ruiz', agency: 'PGR' }],
        cancellation: { by: 'ice.sac', reason: 'Talks moved to the trilateral summit' },
      });
      expect(stored.body.scheduleHistory).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
