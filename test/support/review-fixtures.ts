import { dobCloseness } from '../../libs/deconfliction/person-tier-rules';
import { eventually, http, login, uniqueWord } from './http';

/**
 * Review items (issue 16) built over HTTP. A name is "common" when many stored persons carry its tokens, so the
 * builders make the name common themselves: many namesakes told apart by their dates of birth. That keeps the
 * outcome independent of how many other persons the database holds (up to some thousands).
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** `count` dates of birth no two of which are close in the ways records go wrong (each pair DIFFERENT). */
export function distinctDobs(count: number, avoid: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i += 1) {
    const candidate = `${1930 + ((i * 7) % 60)}-${pad(1 + ((i * 5) % 12))}-${pad(1 + ((i * 11) % 28))}`;
    if ([...out, ...avoid].every((d) => dobCloseness(d, candidate) === 'DIFFERENT')) out.push(candidate);
  }
  return out;
}

export const capitalised = (w: string) => w[0].toUpperCase() + w.slice(1);

/** A case of `token`'s agency with only these subjects, waited on until its intake deconfliction has run. */
export async function caseWithSubjects(token: string, subjects: Record<string, unknown>[]): Promise<{ id: string; caseNumber: string }> {
  const created = await http('POST', '/cases', { token, body: { title: `Tiers ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', subjects } });
  if (created.status !== 201) throw new Error(`case: ${created.status} ${JSON.stringify(created.body)}`);
  const active = await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE', 30_000);
  if (active.body.status !== 'ACTIVE') throw new Error(`case ${created.body.id} did not become active`);
  return created.body;
}

/** The coordinator's review items whose query side is this name. */
export async function reviewsFor(coordinator: string, name: string): Promise<any[]> {
  const found: any[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await http('GET', `/deconfliction/reviews?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: coordinator });
    if (page.status !== 200) throw new Error(`reviews: ${page.status} ${JSON.stringify(page.body)}`);
    found.push(...page.body.items.filter((i: any) => i.query.matchedValue === name));
    cursor = page.body.nextCursor;
  } while (cursor);
  return found;
}

/**
 * One POSSIBLE_MATCH item: ICE holds 30 namesakes with dates of birth and one without; an ATF person of that name
 * with another date of birth meets only the one without (the others' dates disagree), on a name 31 persons carry.
 */
export async function possibleMatchItem(): Promise<{ reviewId: string; name: string; storedCaseId: string; queryCaseId: string }> {
  const [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
  const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
  const dobs = distinctDobs(31);
  const stored = await caseWithSubjects(ice, [
    ...dobs.slice(0, 30).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })), { kind: 'PERSON', fullName: name },
  ]);
  const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name, dateOfBirth: dobs[30] }]);
  const items = await eventually(() => reviewsFor(coordinator, name), (found) => found.length > 0);
  if (items.length !== 1) throw new Error(`expected one review item for ${name}, got ${JSON.stringify(items)}`);
  return { reviewId: items[0].id, name, storedCaseId: stored.id, queryCaseId: query.id };
}
