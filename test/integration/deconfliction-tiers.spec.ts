import { allItems, eventually, http, login, uniqueWord, withDb, withTemporal } from '../support/http';
import { notificationsSince } from '../support/notifications';
import { capitalised, caseWithSubjects, distinctDobs, possibleMatchItem, reviewsFor } from '../support/review-fixtures';

/** Person-match tiers (issue 16): which person matches page the agents, which go to the coordinator's review. */
describe('person match tiers over HTTP', () => {
  let testStart: string;
  beforeEach(() => { testStart = new Date(Date.now() - 1000).toISOString(); });
  let ice: string; let atf: string; let dea: string; let coordinator: string;

  beforeAll(async () => {
    [ice, atf, dea, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'dea.agent', 'coordinator'].map((u) => login(u)));
  });

  const freshName = () => `${capitalised(uniqueWord())} ${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
  const hitsOf = async (token: string, caseId: string) => {
    const response = await http('GET', `/cases/${caseId}/hits`, { token });
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };

  it.each([
    ['an equal DOB confirms', '1984-03-12', '1984-03-12', 'CONFIRMED'],
    ['day and month swapped are probable', '1984-03-12', '1984-12-03', 'PROBABLE'],
    ['the same day and month a year apart are probable', '1984-03-12', '1985-03-12', 'PROBABLE'],
    ['one digit off, on a leap day before 1970, is probable', '1960-02-29', '1960-02-28', 'PROBABLE'],
  ])('%s: a hit both agents see, with its tier', async (_label, storedDob, queryDob, tier) => {
    const name = freshName();
    const stored = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: name, dateOfBirth: storedDob }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name, dateOfBirth: queryDob }]);
    const atfSide = await hitsOf(atf, query.id);
    expect(atfSide).toHaveLength(1);
    expect(atfSide[0]).toMatchObject({ matchType: 'PERSON', tier, status: 'OPEN', counterpart: { caseNumber: stored.caseNumber } });
    expect((await hitsOf(ice, stored.id)).map((h) => [h.id, h.tier])).toEqual([[atfSide[0].id, tier]]);
    const desk = await http('GET', `/deconfliction/hits/${atfSide[0].id}`, { token: coordinator });
    expect(desk.body).toMatchObject({ tier, matchType: 'PERSON' });
    const filtered = await http('GET', `/deconfliction/hits?tier=${tier}&matchType=PERSON&limit=100`, { token: coordinator });
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.every((h: any) => h.tier === tier)).toBe(true);
    const notices = await eventually(() => notificationsSince(ice, testStart), (n) => n.some((x) => x.entityId === atfSide[0].id));
    expect(notices.find((x) => x.entityId === atfSide[0].id).payload.hit.tier).toBe(tier);
  });

  it('raises no hit and no review when both DOBs are known and disagree, whatever the names', async () => {
    const name = freshName();
    await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: name, dateOfBirth: '1970-01-15' }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name, dateOfBirth: '1988-06-30' }]);
    expect(await hitsOf(atf, query.id)).toEqual([]);
    expect(await reviewsFor(coordinator, name)).toEqual([]);
  });

  it("gives the coordinator's reason in Spanish with Accept-Language: es", async () => {
    const name = freshName();
    await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: name, dateOfBirth: '1979-09-09' }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name, dateOfBirth: '1979-09-09' }]);
    const [hit] = await hitsOf(atf, query.id);
    const es = await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator, headers: { 'accept-language': 'es' } });
    expect(es.body.reason).toContain('misma fecha de nacimiento');
    const en = await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator });
    expect(en.body.reason).toContain('same DOB');
  });

  it('turns a common name without DOB into one review item, pages no agent and tells the entering agent what would decide it', async () => {
    const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const dobs = distinctDobs(24);
    const iceCase = await caseWithSubjects(ice, dobs.slice(0, 12).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    const deaCase = await caseWithSubjects(dea, dobs.slice(12).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    expect(await hitsOf(dea, deaCase.id)).toEqual([]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name }]);

    const items = await eventually(() => reviewsFor(coordinator, name), (found) => found.length > 0);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'COMMON_NAME', status: 'OPEN', agencies: ['DEA', 'ICE'], query: { agency: 'ATF' } });
    expect(items[0].candidates).toHaveLength(24);
    expect(items[0].reason).toBe('24 stored persons named like this in 2 cases of agencies DEA, ICE; no DOB or identifier tells them apart');
    expect(await hitsOf(atf, query.id)).toEqual([]);
    expect(await hitsOf(ice, iceCase.id)).toEqual([]);

    const atfNotices = await eventually(() => notificationsSince(atf, testStart), (n) => n.some((x) => x.kind === 'person.ambiguous'));
    const ambiguous = atfNotices.filter((x) => x.kind === 'person.ambiguous' && x.payload.caseId === query.id);
    expect(ambiguous).toHaveLength(1);
    expect(ambiguous[0].payload.message).toContain('A date of birth or an identifier');
    expect(JSON.stringify(ambiguous[0].payload)).not.toMatch(/DEA|ICE/);
    const otherNotices = [...await notificationsSince(ice, testStart), ...await notificationsSince(dea, testStart)];
    expect(otherNotices.filter((x) => [iceCase.id, deaCase.id].includes(x.payload?.caseId))).toEqual([]);

    // A common-name item needs the coordinator's choice of candidate.
    const unnamed = await http('POST', `/deconfliction/reviews/${items[0].id}/promote`, { token: coordinator, body: { note: 'which?' } });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].field).toBe('candidate');
    const es = await allItems('/deconfliction/reviews?status=OPEN', { token: coordinator, headers: { 'accept-language': 'es' } });
    expect(es.find((i) => i.id === items[0].id).reason).toContain('24 personas registradas con un nombre así');
  });

  it('promotes a possible match to a hit both agents see, once', async () => {
    const item = await possibleMatchItem();
    const promoted = await http('POST', `/deconfliction/reviews/${item.reviewId}/promote`, { token: coordinator, body: { note: 'same man, per DEA informant' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ status: 'PROMOTED', decidedBy: 'coordinator', note: 'same man, per DEA informant' });
    const [atfHit] = await hitsOf(atf, item.queryCaseId);
    expect(atfHit).toMatchObject({ id: promoted.body.hitId, matchType: 'PERSON', tier: 'POSSIBLE', status: 'OPEN' });
    expect((await hitsOf(ice, item.storedCaseId)).map((h) => h.id)).toEqual([promoted.body.hitId]);
    // Started after the commit, and marked started (else the worker's relay would start it).
    await withTemporal((client) => client.workflow.getHandle(`hit-${promoted.body.hitId}`).describe());
    const started = await eventually(() => withDb(async (db) => (await db.query(
      'SELECT workflow_started_at FROM deconfliction_hits WHERE id = $1', [promoted.body.hitId])).rows[0]), (r) => r.workflow_started_at !== null);
    expect(started.workflow_started_at).not.toBeNull();
    const again = await http('POST', `/deconfliction/reviews/${item.reviewId}/dismiss`, { token: coordinator, body: { note: 'no' }, headers: { 'accept-language': 'es' } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('ya está decidido');
    const audit = await http('GET', `/audit?entityId=${item.reviewId}`, { token: await login('leadership') });
    expect(audit.body.items.map((e: any) => e.action)).toEqual(expect.arrayContaining(['review.created', 'review.promoted']));
  });

  it('dismisses a possible match without a hit', async () => {
    const item = await possibleMatchItem();
    const dismissed = await http('POST', `/deconfliction/reviews/${item.reviewId}/dismiss`, { token: coordinator, body: { note: 'different father' } });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'DISMISSED', hitId: null });
    expect(await hitsOf(atf, item.queryCaseId)).toEqual([]);
    const closed = await allItems('/deconfliction/reviews?status=DISMISSED', { token: coordinator });
    expect(closed.map((i) => i.id)).toContain(item.reviewId);
    expect((await http('POST', `/deconfliction/reviews/${item.reviewId}/promote`, { token: coordinator, body: { note: 'x' } })).status).toBe(409);
  });

  it("answers a check with each person match's tier, POSSIBLE included, and a common name without DOB once", async () => {
    const name = freshName();
    const common = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const dobs = distinctDobs(31);
    // 30 namesakes with dates of birth and one without: a query with another DOB meets only the one without.
    await caseWithSubjects(ice, [
      { kind: 'PERSON', fullName: name, dateOfBirth: '1990-02-01' },
      ...dobs.slice(0, 30).map((dateOfBirth) => ({ kind: 'PERSON', fullName: common, dateOfBirth })), { kind: 'PERSON', fullName: common },
    ]);
    const check = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects: [
      { kind: 'PERSON', fullName: name, dateOfBirth: '1990-01-02' }, { kind: 'PERSON', fullName: common, dateOfBirth: dobs[30] },
      { kind: 'PERSON', fullName: common },
    ] } });
    expect(check.status).toBe(200);
    const tierOf = (value: string) => check.body.matches.find((m: any) => m.matchedValue === value)?.tier;
    expect(tierOf(name)).toBe('PROBABLE');
    expect(tierOf(common)).toBe('POSSIBLE');
    // Without a DOB the common name meets all 31: one entry, as a case pass makes one COMMON_NAME item.
    expect(check.body.ambiguous).toEqual([expect.objectContaining({ matchType: 'PERSON', tier: 'POSSIBLE', matchedValue: common, candidates: 31 })]);
  });

  it('refuses an unknown tier filter and an unknown review in both languages', async () => {
    const bad = await http('GET', '/deconfliction/hits?tier=MAYBE', { token: coordinator });
    expect(bad.status).toBe(400);
    const missing = await http('POST', '/deconfliction/reviews/00000000-0000-4000-8000-000000000000/dismiss', {
      token: coordinator, body: { note: 'x' }, headers: { 'accept-language': 'es' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('no existe');
    expect((await http('GET', '/deconfliction/reviews', { token: atf })).status).toBe(403);
  });
});
