import { seizurePassWorkflowId } from '../../libs/contracts/workflows';
import { eventually, http, login, uniqueWord, withDb, withTemporal } from '../support/http';
import { notificationsSince } from '../support/notifications';
import { capitalised, caseWithSubjects, distinctDobs, reviewsFor } from '../support/review-fixtures';

/**
 * Arrested persons stay on watch (issue 16): a seizure's arrestees are person targets the seizing agency owns, so a
 * case opened after the seizure meets them with the same tier rules as a case's subjects. Names are fresh per test.
 */
describe('arrestees stay on watch', () => {
  const WEEK_AGO = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const CONTACT = { name: 'Rosa M. Quintero', agency: 'CBP', phone: '+1 520 555 0177' };
  let cbp: string; let ice: string; let atf: string; let coordinator: string;
  let since: string;

  beforeAll(async () => {
    [cbp, ice, atf, coordinator] = await Promise.all(['cbp.officer', 'ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
  });
  beforeEach(() => { since = new Date(Date.now() - 1000).toISOString(); });

  const freshName = () => `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;

  const freshSerial = () => `AW${uniqueWord(4).toUpperCase()}${Date.now() % 1_000_000}`;

  /** Records a seizure of one rifle with these arrestees and waits for its watch pass. */
  async function recordSeizure(arrestees: Record<string, unknown>[], serialNumber = freshSerial()): Promise<string> {
    const created = await http('POST', '/seizures', { token: cbp, body: {
      seizedAt: WEEK_AGO, location: { latitude: 31.3337, longitude: -110.9442, description: 'lane 4' },
      firearms: [{ serialNumber, make: 'Colt' }],
      arrestees, pointsOfContact: [CONTACT],
    } });
    expect(created.status).toBe(201);
    await withTemporal((client) => client.workflow.getHandle(`seizure-${created.body.id}`).result());
    return created.body.id as string;
  }

  const hitsOf = async (token: string, path: string) => (await http('GET', path, { token })).body.items as any[];

  it('an arrestee with a DOB is a CONFIRMED hit for a case opened later, pointing at the seizure', async () => {
    const name = freshName();
    const seizureId = await recordSeizure([{ fullName: name, dateOfBirth: '1981-04-22', criminalHistoryRef: 'NCIC-9' }]);
    expect(await withDb(async (db) => (await db.query(
      'SELECT count(*)::int AS n FROM person_keys WHERE seizure_id = $1 AND case_id IS NULL', [seizureId])).rows[0].n)).toBe(1);

    const opened = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: name, dateOfBirth: '1981-04-22' }]);
    const [hit] = await eventually(() => hitsOf(ice, `/cases/${opened.id}/hits`), (items) => items.length === 1, 30_000);
    expect(hit).toMatchObject({
      matchType: 'PERSON', tier: 'CONFIRMED', status: 'OPEN', matchedValue: name,
      counterpart: { agency: 'CBP', caseNumber: null, seizureId, agentName: CONTACT.name, agentPhone: CONTACT.phone },
    });
    expect(JSON.stringify(hit)).not.toContain('NCIC-9');
    const seizureSide = await hitsOf(cbp, `/seizures/${seizureId}/hits`);
    expect(seizureSide.map((h) => [h.id, h.counterpart.caseNumber])).toEqual([[hit.id, opened.caseNumber]]);
    const told = await eventually(() => notificationsSince(cbp, since), (n) => n.some((x) => x.entityId === hit.id));
    expect(told.filter((n) => n.kind === 'hit.created' && n.entityId === hit.id)).toHaveLength(1);
  });

  it('an arrestee without a DOB, on a common name, is a review item pointing at the seizure; no agent is told', async () => {
    const name = freshName();
    const dobs = distinctDobs(31);
    // Thirty ICE namesakes told apart by their DOBs make the name common; none of them is close to the query's DOB.
    await caseWithSubjects(ice, dobs.slice(0, 30).map((dateOfBirth) => ({ kind: 'PERSON', fullName: name, dateOfBirth })));
    const seizureId = await recordSeizure([{ fullName: name }]);
    const opened = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name, dateOfBirth: dobs[30] }]);

    const [item] = await eventually(() => reviewsFor(coordinator, name), (found) => found.length === 1, 30_000);
    expect(item).toMatchObject({ kind: 'POSSIBLE_MATCH', status: 'OPEN', agencies: ['CBP'], query: { agency: 'ATF' } });
    expect(item.candidates).toEqual([expect.objectContaining({
      agency: 'CBP', seizureId, caseNumber: null, agentName: CONTACT.name, matchedValue: name,
    })]);
    expect(await hitsOf(atf, `/cases/${opened.id}/hits`)).toEqual([]);
    expect(await hitsOf(cbp, `/seizures/${seizureId}/hits`)).toEqual([]);
    const told = [...await notificationsSince(atf, since), ...await notificationsSince(cbp, since)];
    expect(told.filter((n) => n.kind === 'hit.created' && [opened.id, seizureId].includes(n.payload?.caseId ?? n.payload?.seizureId))).toEqual([]);

    // Promoted, it is a hit whose stored side is the seizure.
    const promoted = await http('POST', `/deconfliction/reviews/${item.id}/promote`, { token: coordinator, body: { note: 'same driver' } });
    expect(promoted.status).toBe(200);
    const [hit] = await hitsOf(atf, `/cases/${opened.id}/hits`);
    expect(hit).toMatchObject({ id: promoted.body.hitId, tier: 'POSSIBLE', counterpart: { agency: 'CBP', seizureId } });
    expect((await hitsOf(cbp, `/seizures/${seizureId}/hits`)).map((h) => h.id)).toEqual([promoted.body.hitId]);
  });

  it('an arrestee added by PATCH goes on watch too', async () => {
    const name = freshName();
    const seizureId = await recordSeizure([]);
    const patched = await http('PATCH', `/seizures/${seizureId}`, { token: cbp, body: { arrestees: [{ fullName: name, dateOfBirth: '1990-02-03' }] } });
    expect(patched.status).toBe(200);
    expect(patched.body.arrestees).toEqual([{ fullName: name, dateOfBirth: '1990-02-03' }]);
    await eventually(() => withDb(async (db) => (await db.query(
      'SELECT count(*)::int AS n FROM person_keys WHERE seizure_id = $1', [seizureId])).rows[0].n), (n) => n === 1, 30_000);
    // Day and month swapped: PROBABLE, still a hit.
    const opened = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: name, dateOfBirth: '1990-03-02' }]);
    const [hit] = await eventually(() => hitsOf(atf, `/cases/${opened.id}/hits`), (items) => items.length === 1, 30_000);
    expect(hit).toMatchObject({ tier: 'PROBABLE', counterpart: { seizureId } });
    const refused = await http('PATCH', `/seizures/${seizureId}`, { token: cbp, body: { arrestees: [{ fullName: name, dateOfBirth: '1990-13-45' }] } });
    expect(refused.status).toBe(400);
  });

  it('an arrestee taken with the gun a case names shares its serial with the case: the person hit is CONFIRMED', async () => {
    const name = freshName();
    const serial = freshSerial();
    const seizureId = await recordSeizure([{ fullName: name }], serial);
    // No DOB on either side: only the seized serial, recorded with the arrest, ties the two persons together.
    const created = await http('POST', '/cases', { token: ice, body: {
      title: `Gun and driver ${uniqueWord()}`, category: 'ARMS_TRAFFICKING',
      subjects: [{ kind: 'PERSON', fullName: name }], firearms: [{ serialNumber: serial }],
    } });
    expect(created.status).toBe(201);
    const hits = await eventually(() => hitsOf(ice, `/cases/${created.body.id}/hits`), (items) => items.length === 2, 30_000);
    const person = hits.find((h) => h.matchType === 'PERSON');
    expect(person).toMatchObject({ tier: 'CONFIRMED', matchedValue: name, counterpart: { agency: 'CBP', seizureId } });
    expect(hits.find((h) => h.matchType === 'FIREARM_SERIAL')).toMatchObject({ counterpart: { seizureId } });
  });

  it('an arrestee removed by PATCH is taken off watch (audited): a case opened later does not meet them', async () => {
    const [kept, removed] = [freshName(), freshName()];
    const seizureId = await recordSeizure([{ fullName: kept, dateOfBirth: '1979-08-14' }, { fullName: removed, dateOfBirth: '1984-11-02' }]);
    const keysOf = () => withDb(async (db) => (await db.query(
      'SELECT full_name FROM person_keys WHERE seizure_id = $1 ORDER BY full_name', [seizureId])).rows.map((r: any) => r.full_name));
    expect((await keysOf()).sort()).toEqual([kept, removed].sort());

    const patched = await http('PATCH', `/seizures/${seizureId}`, { token: cbp, body: { arrestees: [{ fullName: kept, dateOfBirth: '1979-08-14' }] } });
    expect(patched.status).toBe(200);
    expect(await keysOf()).toEqual([kept]);
    const audited = await withDb(async (db) => (await db.query(
      `SELECT actor, details FROM audit_log WHERE action = 'seizure.arrestees_unwatched' AND entity_id = $1`, [seizureId])).rows);
    expect(audited).toEqual([expect.objectContaining({ actor: 'cbp.officer', details: { personKeys: [expect.any(String)] } })]);
    // The pass the PATCH queued stores the persons still listed, not the one removed.
    await withTemporal((client) => client.workflow.getHandle(seizurePassWorkflowId(seizureId, 1)).result());

    const opened = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: removed, dateOfBirth: '1984-11-02' },
      { kind: 'PERSON', fullName: kept, dateOfBirth: '1979-08-14' }]);
    const hits = await eventually(() => hitsOf(atf, `/cases/${opened.id}/hits`), (items) => items.length >= 1, 30_000);
    expect(hits.map((h) => h.matchedValue)).toEqual([kept]);
    expect(await keysOf()).toEqual([kept]);
  });
});
