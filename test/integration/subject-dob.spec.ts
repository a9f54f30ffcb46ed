import { allItems, eventually, http, login, uniqueWord } from '../support/http';
import { notificationsSince } from '../support/notifications';
import { capitalised, caseWithSubjects, COMMON_NAMESAKES, distinctDobs, reviewsFor } from '../support/review-fixtures';

/**
 * Adding a DOB decides an ambiguous person (issue 16): the owning agency's agent gives the date of birth of a subject
 * whose common name collapsed into one review item; matching runs again and raises the real hit. Audited, idempotent.
 */
describe('PATCH /cases/:id/subjects/:subjectId (date of birth)', () => {
  let ice: string; let atf: string; let coordinator: string; let leadership: string;

  beforeAll(async () => {
    [ice, atf, coordinator, leadership] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator', 'leadership'].map((u) => login(u)));
  });

  const hitsOf = async (token: string, caseId: string) => (await http('GET', `/cases/${caseId}/hits`, { token })).body.items as any[];
  const subjectIdOf = async (token: string, caseId: string) => (await http('GET', `/cases/${caseId}`, { token })).body.subjects[0].id as string;

  it('turns an ambiguous common name into a CONFIRMED hit once the DOB is given; a repeat changes nothing', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const dobs = distinctDobs(COMMON_NAMESAKES);
    const stored = await caseWithSubjects(ice, dobs.map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name }]);
    const [item] = await eventually(() => reviewsFor(coordinator, name), (found) => found.length === 1, 30_000);
    expect(item).toMatchObject({ kind: 'COMMON_NAME', status: 'OPEN' });
    expect(await hitsOf(atf, query.id)).toEqual([]);
    await eventually(() => notificationsSince(atf, since), (n) => n.some((x) => x.kind === 'person.ambiguous' && x.payload.caseId === query.id));

    const subjectId = await subjectIdOf(atf, query.id);
    const set = await http('PATCH', `/cases/${query.id}/subjects/${subjectId}`, { token: atf, body: { dateOfBirth: dobs[4] } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ caseId: query.id, subjectId, dateOfBirth: dobs[4], changed: true });
    const hits = await eventually(() => hitsOf(atf, query.id), (items) => items.length === 1, 30_000);
    expect(hits[0]).toMatchObject({ matchType: 'PERSON', tier: 'CONFIRMED', counterpart: { caseNumber: stored.caseNumber } });
    expect((await hitsOf(ice, stored.id)).map((h) => h.id)).toEqual([hits[0].id]);
    const detail = await http('GET', `/cases/${query.id}`, { token: atf });
    expect(detail.body.subjects[0]).toMatchObject({ id: subjectId, dateOfBirth: dobs[4] });
    // The DOB decided the common name: its review item leaves the queue, closed with the reason, audited.
    const [closed] = await reviewsFor(coordinator, name);
    expect(closed).toMatchObject({ id: item.id, status: 'DISMISSED', decidedBy: 'system' });
    expect(closed.note).toContain('1 confirmed or probable match became a hit');
    expect(closed.note).toContain('se convirtieron en alertas');
    const open = await allItems('/deconfliction/reviews?status=OPEN', { token: coordinator });
    expect(open.map((i) => i.id)).not.toContain(item.id);
    const reviewAudit = await http('GET', `/audit?entityId=${item.id}&limit=100`, { token: leadership });
    expect(reviewAudit.body.items.filter((e: any) => e.action === 'review.closed')).toEqual([
      expect.objectContaining({ actor: 'system', details: expect.objectContaining({ outcome: 'HITS', item: subjectId }) }),
    ]);

    const again = await http('PATCH', `/cases/${query.id}/subjects/${subjectId}`, { token: atf, body: { dateOfBirth: dobs[4] } });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect((await hitsOf(atf, query.id)).map((h) => h.id)).toEqual([hits[0].id]);
    const audit = await http('GET', `/audit?entityId=${query.id}&limit=100`, { token: leadership });
    const entries = audit.body.items.filter((e: any) => e.action === 'case.subject_dob_set');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'atf.agent', details: { subjectId, from: null, to: dobs[4] } });
  });

  it('closes the common-name item when the DOB given matches none of the namesakes, raising no hit', async () => {
    const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const dobs = distinctDobs(COMMON_NAMESAKES + 1);
    await caseWithSubjects(ice, dobs.slice(0, COMMON_NAMESAKES).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name }]);
    const [item] = await eventually(() => reviewsFor(coordinator, name), (found) => found.length === 1, 30_000);
    expect(item).toMatchObject({ kind: 'COMMON_NAME', status: 'OPEN' });

    const subjectId = await subjectIdOf(atf, query.id);
    const set = await http('PATCH', `/cases/${query.id}/subjects/${subjectId}`, { token: atf, body: { dateOfBirth: dobs[COMMON_NAMESAKES] } });
    expect(set.status).toBe(200);
    const [closed] = await eventually(() => reviewsFor(coordinator, name), (found) => found[0]?.status !== 'OPEN', 30_000);
    expect(closed).toMatchObject({ id: item.id, status: 'DISMISSED', decidedBy: 'system' });
    expect(closed.note).toContain('no stored person matches any more');
    expect(await hitsOf(atf, query.id)).toEqual([]);
  });

  it('refuses a bad date, an unknown subject and another agency, in both languages', async () => {
    const opened = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: `${capitalised(uniqueWord())} Ruiz` }, { kind: 'ORGANIZATION', name: `Org ${uniqueWord()}`, orgType: 'DTO' }]);
    const detail = await http('GET', `/cases/${opened.id}`, { token: atf });
    const person = detail.body.subjects.find((s: any) => s.kind === 'PERSON').id;
    const organization = detail.body.subjects.find((s: any) => s.kind === 'ORGANIZATION').id;
    const path = (subjectId: string) => `/cases/${opened.id}/subjects/${subjectId}`;

    const future = await http('PATCH', path(person), { token: atf, body: { dateOfBirth: '2999-01-01' } });
    expect(future.status).toBe(400);
    const malformed = await http('PATCH', path(person), { token: atf, body: { dateOfBirth: '17/05/1980' }, headers: { 'accept-language': 'es' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('dateOfBirth');
    const unknown = await http('PATCH', path('00000000-0000-4000-8000-0000000000d1'), { token: atf, body: { dateOfBirth: '1980-05-17' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('has no person subject');
    const org = await http('PATCH', path(organization), { token: atf, body: { dateOfBirth: '1980-05-17' }, headers: { 'accept-language': 'es' } });
    expect(org.status).toBe(404);
    expect(org.body.detail).toContain('no tiene un sujeto persona');
    expect((await http('PATCH', path(person), { token: ice, body: { dateOfBirth: '1980-05-17' } })).status).toBe(404);
    expect((await http('GET', `/cases/${opened.id}`, { token: atf })).body.subjects.find((s: any) => s.id === person).dateOfBirth ?? null).toBeNull();
  });
});
