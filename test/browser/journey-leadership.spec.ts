import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { http, login, uniqueWord } from '../support/http';
import { launchBrowser, openConsole, screenshot, seriousA11yViolations, signIn } from './support/browser';

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** The CSV a click on the page's download button saves, as text. */
async function downloadedText(page: Page, buttonName: string): Promise<{ name: string; lines: string[] }> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const file = await download.path();
  const text = await readFile(file, 'utf8');
  return { name: download.suggestedFilename(), lines: text.split('\r\n').filter((line) => line !== '') };
}

// Each journey is many browser steps, each allowed Playwright's 15 s: more than jest's 60 s per test on a loaded machine.
/**
 * Journey 5: leadership opens the M4 compliance report and the statistics, downloads both as CSV, and verifies the
 * audit chain. The meeting and the seizure they read are the other side's work, set up over the API.
 */
describe('journey 5: leadership reports, CSV downloads and the audit chain', () => {
  let browser: Browser;
  const title = `Border arms review, ${uniqueWord()}`;
  // A day no other test schedules a meeting on: the report filtered to it holds this meeting.
  const day = new Date(Date.UTC(2030 + Math.floor(Math.random() * 5), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 27), 17));
  const dayText = day.toISOString().slice(0, 10);
  let meetingId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const sac = await login('ice.sac');
    const meeting = await http('POST', '/meetings', { token: sac, body: {
      title, counterpartCountry: 'MX', counterpartAgencies: ['PGR', 'SSP'], level: 'EXECUTIVE', scheduledAt: day.toISOString(),
      location: 'Mexico City', deliverables: ['SMUGGLING_AND_TRAFFICKING'],
    } });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
    const agent = await login('ice.agent');
    const seizure = await http('POST', '/seizures', { token: agent, body: {
      seizedAt: new Date(Date.now() - 3_600_000).toISOString(),
      firearms: [{ serialNumber: `LD${digits(7)}`, make: 'Colt', caliber: '5.56x45 NATO' }],
    } });
    expect(seizure.status).toBe(201);
  });
  afterAll(async () => { await browser?.close(); });

  it('shows the compliance report as a chart and a table, filtered by period, and downloads it as CSV', async () => {
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'leadership');
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Meeting compliance' }).click();
      await page.getByRole('heading', { name: 'Meeting compliance (M4)' }).waitFor();
      await page.getByLabel('From', { exact: true }).fill(dayText);
      await page.getByLabel('To', { exact: true }).fill(dayText);
      await page.getByRole('button', { name: 'Show' }).click();
      const row = page.getByRole('row').filter({ hasText: title });
      await row.waitFor();
      expect(await row.textContent()).toContain('Pending');
      expect(await row.textContent()).toContain('Not requested');
      await page.getByRole('img', { name: /Bar chart of \d+ meetings? by notification status/ }).waitFor();
      expect(await page.getByRole('img', { name: /Bar chart/ }).locator('svg').count()).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'leadership-compliance');

      const csv = await downloadedText(page, 'Download CSV');
      expect(csv.name).toBe(`meeting-compliance-${dayText}-${dayText}.csv`);
      expect(csv.lines[0]).toBe('id,title,level,counterpartCountry,scheduledAt,notification,report');
      const line = csv.lines.find((l) => l.startsWith(meetingId));
      expect(line).toBe(`${meetingId},"${title}",EXECUTIVE,MX,${day.toISOString()},PENDING,NOT_REQUESTED`);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows the statistics by month and by caliber as charts and tables, and downloads them as CSV', async () => {
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'leadership');
      await page.getByRole('link', { name: 'Statistics' }).first().click();
      await page.getByRole('heading', { name: 'Statistics', exact: true }).waitFor();
      await page.getByRole('img', { name: 'Bar chart of Seizures by Month; the table below lists every figure.' }).waitFor();
      const table = page.getByRole('region', { name: 'All figures' });
      const thisMonth = new Date().toISOString().slice(0, 7);
      await table.getByRole('rowheader', { name: thisMonth }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'leadership-statistics');

      const byMonth = await downloadedText(page, 'Download CSV');
      expect(byMonth.lines[0]).toMatch(/^month,seizures,firearms,tracesCompleted,/);
      expect(byMonth.lines.length).toBeGreaterThan(1);
      expect(byMonth.lines.some((l) => l.startsWith(thisMonth))).toBe(true);

      await page.getByLabel('Group by').selectOption('caliber');
      // "5.56x45 NATO" is counted in the .223 class, the weapon type the seeds name.
      const rifles = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '.223', exact: true }) });
      await rifles.waitFor();
      expect(await rifles.textContent()).toContain('.223 rifles');
      await page.getByLabel('Figure shown in the chart').selectOption('firearms');
      await page.getByRole('img', { name: 'Bar chart of Firearms by Caliber; the table below lists every figure.' }).waitFor();
      const byCaliber = await downloadedText(page, 'Download CSV');
      expect(byCaliber.lines[0]).toMatch(/^caliber,weaponType,recognized,seizures,firearms,/);
      expect(byCaliber.lines.some((l) => l.startsWith('.223,.223 rifles,true,'))).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The same page in Spanish: headings, chart label and column names follow the language chosen.
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Estadísticas', exact: true }).waitFor();
      await page.getByRole('img', { name: 'Gráfica de barras de Armas de fuego por Calibre; la tabla de abajo contiene todas las cifras.' }).waitFor();
      await page.getByRole('region', { name: 'Todas las cifras' }).getByRole('columnheader', { name: 'Aseguramientos' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('filters the audit trail and verifies that the chain is intact', async () => {
    const { context, page } = await openConsole(browser);
    try {
      await signIn(page, 'leadership');
      await page.getByRole('link', { name: 'Audit trail' }).first().click();
      await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
      await page.getByLabel('Entity id').fill(meetingId);
      await page.getByRole('button', { name: 'Filter', exact: true }).click();
      const entries = page.getByRole('region', { name: 'Audit entries, oldest first' });
      await entries.getByRole('row').filter({ hasText: meetingId }).first().waitFor();
      expect(await entries.getByRole('row').filter({ hasText: 'ice.sac' }).count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'Verify the chain' }).click();
      const result = page.getByTestId('audit-verify-result');
      await result.getByText('Chain intact').waitFor();
      const count = Number(/([\d,]+) entr(y|ies) verified/.exec((await result.textContent()) ?? '')?.[1].replace(/,/g, ''));
      expect(count).toBeGreaterThan(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'leadership-audit');
    } finally {
      await context.close();
    }
  }, 120_000);
});
