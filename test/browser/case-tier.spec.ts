import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { eventually, http, login, uniqueWord } from '../support/http';
import { capitalised, caseWithSubjects, distinctDobs } from '../support/review-fixtures';
import { caseStrings } from './support/case-form';
import { launchBrowser, openConsole, seriousA11yViolations, signIn, type UserPage } from './support/browser';

const deconflictionStrings = JSON.parse(readFileSync(
  path.resolve(__dirname, '..', '..', 'apps', 'web', 'src', 'features', 'deconfliction', 'locales', 'en.json'), 'utf8',
)) as Record<string, any>;

/**
 * Issue 16 on the case page: a person hit shows its tier and why, and a person entered under a name too common to
 * match on carries the prompt to add a date of birth or an identifier (only the lead agent is told of it).
 */
describe('case page: person tiers and the ambiguous-name prompt', () => {
  let browser: Browser;
  let agent: UserPage | undefined;
  beforeAll(async () => { browser = await launchBrowser(); });
  afterEach(async () => { await agent?.context.close().catch(() => undefined); agent = undefined; });
  afterAll(async () => { await browser?.close(); });

  const en = caseStrings('en');
  const freshName = () => `${capitalised(uniqueWord())} ${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;

  it('shows CONFIRMED, with its reason, on a person hit whose date of birth is equal', async () => {
    const [ice, atf] = await Promise.all(['ice.agent', 'atf.agent'].map((u) => login(u)));
    const name = freshName();
    await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: name, dateOfBirth: '1981-07-23' }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name, dateOfBirth: '1981-07-23' }]);
    await eventually(() => http('GET', `/cases/${query.id}/hits`, { token: atf }), (r) => r.body.items?.length > 0);

    agent = await openConsole(browser);
    await signIn(agent.page, 'atf.agent');
    await agent.page.goto(`/cases/${query.id}`);
    const row = agent.page.getByTestId('case-hits').locator('[data-testid="case-hit"][data-match-type="PERSON"]');
    await row.waitFor();
    const badge = row.locator('[data-tier]');
    expect(await badge.getAttribute('data-tier')).toBe('CONFIRMED');
    expect(await badge.textContent()).toBe(deconflictionStrings.tiers.CONFIRMED);
    expect(await row.getByTestId('hit-reason').textContent()).toMatch(/^same DOB; name 3 of 3 tokens agree/);
    expect(await agent.page.getByTestId('ambiguous-name-prompt').count()).toBe(0);
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
  });

  it('prompts for a date of birth beside a common name entered without one', async () => {
    const [ice, dea, atf] = await Promise.all(['ice.agent', 'dea.agent', 'atf.agent'].map((u) => login(u)));
    // 24 namesakes told apart by their dates of birth, above the PERSON_POSSIBLE_MAX a name may meet and still match.
    const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const dobs = distinctDobs(24);
    await caseWithSubjects(ice, dobs.slice(0, 12).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    await caseWithSubjects(dea, dobs.slice(12).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name }, { kind: 'PERSON', fullName: freshName(), dateOfBirth: '1990-02-02' }]);
    const detail = (await http('GET', `/cases/${query.id}`, { token: atf })).body;
    const common = detail.subjects.find((s: any) => s.fullName === name);
    await eventually(
      () => http('GET', `/notifications?limit=500&since=${encodeURIComponent(detail.createdAt)}`, { token: atf }),
      (r) => r.body.items.some((n: any) => n.kind === 'person.ambiguous' && n.payload.caseId === query.id),
    );

    agent = await openConsole(browser);
    await signIn(agent.page, 'atf.agent');
    await agent.page.goto(`/cases/${query.id}`);
    const items = agent.page.getByRole('region', { name: en.page.items, exact: true });
    const prompt = items.getByTestId('ambiguous-name-prompt');
    await prompt.waitFor();
    expect(await prompt.count()).toBe(1);
    expect(await prompt.getAttribute('data-subject-id')).toBe(common.id);
    const text = await prompt.textContent();
    expect(text).toContain(en.ambiguous.body.replace('{{name}}', name));
    expect(text).toContain(en.ambiguous.howToAdd);
    expect(await items.getByRole('listitem').filter({ has: agent.page.getByTestId('ambiguous-name-prompt') }).textContent()).toContain(name);
    expect(await seriousA11yViolations(agent.page)).toEqual([]);
  });
});
