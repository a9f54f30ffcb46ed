import { http, login, uniqueWord } from '../support/http';
import { capitalised, caseWithSubjects } from '../support/review-fixtures';

/**
 * A closed case's persons are no conflict (domain: "closed cases are not matched"): a person read says whether its
 * case is open with the row itself, for a check's decisive read and its name-only read, and for a case pass's read.
 */
describe("a closed case's persons are met by no check and no case pass", () => {
  let ice: string; let atf: string; let dea: string;

  beforeAll(async () => {
    [ice, atf, dea] = await Promise.all(['ice.agent', 'atf.agent', 'dea.agent'].map((u) => login(u)));
  });

  const rareName = () => `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
  const casesMet = (matches: any[]) => matches.map((m) => m.counterpart.caseNumber as string);

  it('meets the persons while the case is open, and neither a check nor a new case meets them once it is closed', async () => {
    const [dated, undated] = [rareName(), rareName()];
    const subjects = [{ kind: 'PERSON', fullName: dated, dateOfBirth: '1981-04-12' }, { kind: 'PERSON', fullName: undated }];
    const closing = await caseWithSubjects(ice, subjects);

    const before = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects } });
    expect(before.status).toBe(200);
    expect(casesMet(before.body.matches)).toEqual([closing.caseNumber, closing.caseNumber]);

    const closed = await http('POST', `/cases/${closing.id}/close`, { token: ice, body: { outcome: 'Case dismissed' } });
    expect(closed.status).toBe(200);

    const after = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects } });
    expect(after.status).toBe(200);
    expect(after.body.matches).toEqual([]);
    expect(after.body.ambiguous).toBeUndefined();

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
