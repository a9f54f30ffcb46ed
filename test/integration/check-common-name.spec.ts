import { http, login, uniqueWord, withDb } from '../support/http';
import { notificationsSince } from '../support/notifications';
import { capitalised, caseWithSubjects, COMMON_NAMESAKES, distinctDobs } from '../support/review-fixtures';

/**
 * A check of a common name without a DOB (issue 16, issue 20's API overhead): the namesakes are one answer entry for the
 * checked person, as a case pass makes one COMMON_NAME review item, not one record, notice and pattern count each; the
 * audit entry stays bounded. A match a DOB decides is still answered, recorded, told and audited pointer by pointer.
 */
describe('a check of a common name is collapsed per checked person', () => {
  let ice: string; let atf: string; let dea: string;
  const startedAt = new Date(Date.now() - 1000).toISOString();

  beforeAll(async () => {
    [ice, atf, dea] = await Promise.all(['ice.agent', 'atf.agent', 'dea.agent'].map((u) => login(u)));
  });

  const checkedAudit = (checkId: string) => withDb(async (db) => (await db.query(
    `SELECT details FROM audit_log WHERE action = 'deconfliction.checked' AND entity_id = $1`, [checkId])).rows);
  const recordedMatches = (checkId: string) => withDb(async (db) => (await db.query(
    'SELECT agency, case_id FROM deconfliction_check_matches WHERE check_id = $1', [checkId])).rows);
  const lastCheckOf = async (token: string) => {
    const made = await http('GET', '/deconfliction/checks?direction=MADE&limit=1', { token });
    expect(made.status).toBe(200);
    return made.body.items[0] as { id: string; counts: Record<string, number>; matches: unknown[] };
  };

  it('answers 24 namesakes in two agencies once, records and tells no namesake, and audits counts only', async () => {
    const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const dobs = distinctDobs(24);
    const iceCase = await caseWithSubjects(ice, dobs.slice(0, 12).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    await caseWithSubjects(dea, dobs.slice(12).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));

    const check = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects: [{ kind: 'PERSON', fullName: name }] } });
    expect(check.status).toBe(200);
    expect(check.body.matches).toEqual([]);
    expect(check.body.ambiguous).toEqual([{
      matchType: 'PERSON', tier: 'POSSIBLE', matchedValue: name, candidates: 24, cases: 2, agencies: ['DEA', 'ICE'], atLeast: false,
      reason: expect.stringContaining('24 stored persons named like this in 2 cases of agencies DEA, ICE'),
    }]);
    expect(check.body.ambiguous[0].reason).toContain('A date of birth or an identifier');
    expect(JSON.stringify(check.body)).not.toContain(iceCase.caseNumber);

    const record = await lastCheckOf(atf);
    expect(record).toMatchObject({ counts: { subjects: 1 }, matches: [] });
    expect(await recordedMatches(record.id)).toEqual([]);
    const [audit, ...more] = await checkedAudit(record.id);
    expect(more).toEqual([]);
    expect(audit.details).toEqual({
      counts: { subjects: 1, identifiers: 0, firearms: 0, operations: 0 }, matches: [],
      ambiguous: [{ matchType: 'PERSON', candidates: 24, cases: 2, agencies: ['DEA', 'ICE'], atLeast: false }],
    });
    const told = [...await notificationsSince(ice, startedAt), ...await notificationsSince(dea, startedAt)]
      .filter((n) => n.kind === 'deconfliction.check_matched' && n.entityId === record.id);
    expect(told).toEqual([]);
  });

  it('still answers, records, tells and audits the namesake a DOB decides, beside the collapsed entry in Spanish', async () => {
    const name = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const dobs = distinctDobs(COMMON_NAMESAKES);
    const iceCase = await caseWithSubjects(ice, dobs.map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));

    const check = await http('POST', '/deconfliction/checks', {
      token: atf, headers: { 'accept-language': 'es' },
      body: { subjects: [{ kind: 'PERSON', fullName: name, dateOfBirth: dobs[3] }, { kind: 'PERSON', fullName: name }] },
    });
    expect(check.status).toBe(200);
    expect(check.body.matches).toEqual([expect.objectContaining({
      matchType: 'PERSON', tier: 'CONFIRMED', matchedValue: name, counterpart: expect.objectContaining({ agency: 'ICE', caseNumber: iceCase.caseNumber }),
    })]);
    expect(check.body.ambiguous).toEqual([expect.objectContaining({ candidates: COMMON_NAMESAKES, cases: 1, agencies: ['ICE'] })]);
    expect(check.body.ambiguous[0].reason).toContain(`${COMMON_NAMESAKES} personas registradas con un nombre así en 1 caso`);

    const record = await lastCheckOf(atf);
    expect(await recordedMatches(record.id)).toEqual([{ agency: 'ICE', case_id: iceCase.id }]);
    const [audit] = await checkedAudit(record.id);
    expect(audit.details.matches).toEqual([{ matchType: 'PERSON', agency: 'ICE', case: iceCase.id, lookout: null }]);
    expect(audit.details.ambiguous).toEqual([{ matchType: 'PERSON', candidates: COMMON_NAMESAKES, cases: 1, agencies: ['ICE'], atLeast: false }]);
    const told = (await notificationsSince(ice, startedAt)).filter((n) => n.kind === 'deconfliction.check_matched' && n.entityId === record.id);
    expect(told).toHaveLength(1);
    expect(told[0].payload.check.matches).toEqual([{ matchType: 'PERSON', agency: 'ICE', caseNumber: iceCase.caseNumber, lookout: false }]);
  });
});
