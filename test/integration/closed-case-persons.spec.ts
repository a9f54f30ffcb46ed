import { http, login, uniqueWord } from '../support/http';
import { capitalised, caseWithSubjects, COMMON_NAMESAKES, distinctDobs } from '../support/review-fixtures';

/**
 * A closed case's persons are no conflict (MatchingRepository.probe meets nothing of a closed case). A person read says
 * whether its case is open with the row itself: a check's decisive read (a DOB, or a name rare enough), its crowd of a
 * common name's namesakes (PersonCandidates.crowd), and a case pass's read of every candidate (PersonCandidates.all).
 */
describe("a closed case's persons are met by no check and no case pass", () => {
  let ice: string; let atf: string; let dea: string;

  beforeAll(async () => {
    [ice, atf, dea] = await Promise.all(['ice.agent', 'atf.agent', 'dea.agent'].map((u) => login(u)));
  });

  const rareName = () => `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
  const casesMet = (matches: any[]) => matches.map((m) => m.counterpart.caseNumber as string);

  it('meets the persons while the case is open, and neither a check nor a new case meets them once it is closed', async () => {
    const [dated, undated, common] = [rareName(), rareName(), rareName()];
    const subjects = [{ kind: 'PERSON', fullName: dated, dateOfBirth: '1981-04-12' }, { kind: 'PERSON', fullName: undated }];
    // Namesakes told apart by their DOBs make `common` a common name: a check without a DOB counts them.
    const namesakes = distinctDobs(COMMON_NAMESAKES, ['1981-04-12']).map((dateOfBirth) => ({ kind: 'PERSON', fullName: common, dateOfBirth }));
    const closing = await caseWithSubjects(ice, [...subjects, ...namesakes]);
    const crowdCheck = { subjects: [{ kind: 'PERSON', fullName: common }] };

    const before = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects } });
    expect(before.status).toBe(200);
    expect(casesMet(before.body.matches)).toEqual([closing.caseNumber, closing.caseNumber]);
    const counted = await http('POST', '/deconfliction/checks', { token: atf, body: crowdCheck });
    expect(counted.status).toBe(200);
    expect(counted.body.ambiguous).toEqual([expect.objectContaining({ candidates: COMMON_NAMESAKES, cases: 1, agencies: ['ICE'] })]);

    const closed = await http('POST', `/cases/${closing.id}/close`, { token: ice, body: { outcome: 'Case dismissed' } });
    expect(closed.status).toBe(200);

    const after = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects } });
    expect(after.status).toBe(200);
    expect(after.body.matches).toEqual([]);
    expect(after.body.ambiguous).toBeUndefined();
    const uncounted = await http('POST', '/deconfliction/checks', { token: atf, body: crowdCheck });
    expect(uncounted.status).toBe(200);
    expect(uncounted.body).toMatchObject({ matches: [] });
    expect(uncounted.body.ambiguous).toBeUndefined();

    // A case pass reads every candidate ranked (PersonCandidates.all): the open DEA case is met, the closed ICE one not.
    // (The undated name is a hit or a review item depending on how many persons the database holds: rare enough or not.)
    const open = await caseWithSubjects(dea, subjects);
    const passed = await caseWithSubjects(atf, subjects);
    const hits = await http('GET', `/cases/${passed.id}/hits`, { token: atf });
    expect(hits.status).toBe(200);
    expect(hits.body.items.map((h: any) => [h.matchedValue, h.counterpart.caseNumber])).toContainEqual([dated, open.caseNumber]);
    expect(casesMet(hits.body.items).filter((caseNumber) => caseNumber !== open.caseNumber)).toEqual([]);
  });
});
