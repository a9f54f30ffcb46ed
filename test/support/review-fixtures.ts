import { dobCloseness } from '../../libs/deconfliction/person-tier-rules';
import { allItems, eventually, http, login, randomDob, uniqueWord } from './http';

/**
 * Review items (issue 16) built over HTTP. A name is "common" when many stored persons carry its tokens, so the
 * builders make the name common themselves: many namesakes told apart by their dates of birth. That keeps the
 * outcome independent of how many other persons the database holds (up to some thousands).
 */

/**
 * `count` dates of birth no two of which are close in the ways records go wrong (each pair DIFFERENT), none close to
 * `avoid`. Drawn at random (randomDob), not from a fixed sequence: each spec's persons are then born on days of their
 * own, so a person another spec stored cannot meet them through a name that merely sounds alike and the same date
 * (every spec once began with 1930-01-01).
 */
export function distinctDobs(count: number, avoid: string[] = []): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const candidate = randomDob();
    if ([...out, ...avoid].every((d) => dobCloseness(d, candidate) === 'DIFFERENT')) out.push(candidate);
  }
  return out;
}

/**
 * How many namesakes make a name common on the shared API (PERSON_RARE_NAME_MIN_WEIGHT 24 bits): with k persons
 * carrying both its words, a name is rare once the database holds about 18.6 k² persons (person-tier-rules.ts
 * rareWeightFor), so 24 keep it common up to about 10,700. A whole run stored about 900 on 2026-12-05, before these
 * specs took 24: 7 namesakes were rare from 911 and 12 from 2,677, so such specs depended on how many ran before them.
 */
export const COMMON_NAMESAKES = 24;

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
  return (await allItems('/deconfliction/reviews', { token: coordinator })).filter((i) => i.query.matchedValue === name);
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
