import { eventually, http, login, uniqueWord } from './http';
import { possibleMatchItem } from './review-fixtures';

/**
 * The resources the access matrix probes, created once: for each kind one of ICE and one of another agency (ATF),
 * the ATF one shared with ICE where sharing exists, so each demo user meets own, shared and other-agency records.
 * Every resource carries secret strings (a shared marker plus its kind) that must never reach a user who may not see it.
 * Hits of every kind exist, each with a counterpart whose secrets the other side may not read: case against case
 * (a phone), lookout against case (each agency's lookout meets the other's case) and seizure against case (each
 * agency's seizure meets a firearm of the other's case). The values that meet are not secrets: each side holds them.
 */
export interface MatrixResource {
  id: string;
  /** The owning agency (for a referral the receiving agency, for a trace the tracing agency). */
  owner: string;
  /** Agencies that may read it besides the owner (shares, the referral's sender, the trace's requester). */
  readers: string[];
  /**
   * The agencies whose data it holds: a read by anyone of another agency is audited. Mostly the owner; a referral
   * holds its sender's case facts, a trace its requester's firearm, a hit both sides' pointers.
   */
  agencies: string[];
  secrets: string[];
  extra?: Record<string, string>;
}

export type ResourceKind = 'case' | 'referral' | 'hit' | 'check' | 'review' | 'lookout' | 'seizure' | 'trace' | 'meeting' | 'actionItem';
export type Fixtures = Record<ResourceKind, MatrixResource[]>;

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const must = <T>(response: { status: number; body: T }, status: number, what: string): T => {
  if (response.status !== status) throw new Error(`fixture ${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

export async function createFixtures(): Promise<Fixtures> {
  const [ice, atf, sac, spp] = await Promise.all(['ice.agent', 'atf.agent', 'ice.sac', 'spp.team'].map((u) => login(u)));
  const marker = `mx${uniqueWord(10)}`;
  const secret = (what: string) => `${marker}-${what}-${uniqueWord(6)}`;
  const sharedPhone = `+1 (520) ${digits(3)}-${digits(4)}`;
  // Values each side holds: a lookout's value in the other agency's case, a seizure's serial among its firearms.
  const watched = { ice: `watch.${uniqueWord()}@example.org`, atf: `watch.${uniqueWord()}@example.org` };
  const seized = { ice: `MS${digits(9)}`, atf: `MS${digits(9)}` };

  // Lookouts first: a lookout meets only later values.
  const lookout = async (token: string, value: string) => {
    const note = secret('lookout-note');
    return { id: must<any>(await http('POST', '/lookouts', { token, body: { type: 'EMAIL', value, note } }), 201, 'lookout').id, note };
  };
  const [iceLookout, atfLookout] = [await lookout(ice, watched.ice), await lookout(atf, watched.atf)];

  // Cases: ICE's is referred to ATF (R3); ATF's goes to CBP (R1) and is shared with ICE; one phone in both makes a hit.
  const iceCase = { title: secret('case-title'), summary: secret('case-summary'), person: `Matrix ${uniqueWord()} ${marker}`, email: `${secret('case-email')}@example.org`, serial: `MX${digits(9)}` };
  const iceCaseId = must<any>(await http('POST', '/cases', { token: ice, body: {
    title: iceCase.title, summary: iceCase.summary, category: 'ARMS_TRAFFICKING', flags: { domesticSale: true },
    subjects: [{ kind: 'PERSON', fullName: iceCase.person }],
    identifiers: [{ type: 'PHONE', value: sharedPhone }, { type: 'EMAIL', value: iceCase.email }, { type: 'EMAIL', value: watched.atf }],
    firearms: [{ serialNumber: iceCase.serial }, { serialNumber: seized.atf }],
  } }), 201, 'ICE case').id;
  const atfCase = { title: secret('case-title'), summary: secret('case-summary'), person: `Matrix ${uniqueWord()} ${marker}` };
  const atfCaseId = must<any>(await http('POST', '/cases', { token: atf, body: {
    title: atfCase.title, summary: atfCase.summary, category: 'ARMS_TRAFFICKING', flags: { portOfEntry: 'Nogales, AZ' },
    subjects: [{ kind: 'PERSON', fullName: atfCase.person }],
    identifiers: [{ type: 'PHONE', value: sharedPhone }, { type: 'EMAIL', value: watched.ice }], firearms: [{ serialNumber: seized.ice }],
  } }), 201, 'ATF case').id;
  must(await http('POST', `/cases/${atfCaseId}/shares`, { token: atf, body: { agency: 'ICE', reason: 'access matrix' } }), 201, 'share ATF case');

  const referralOf = async (token: string, caseId: string) => (await eventually(
    () => http('GET', `/cases/${caseId}/referrals`, { token }), (r) => r.body.items?.length > 0, 30_000)).body.items[0];
  const [iceReferral, atfReferral] = await Promise.all([referralOf(ice, iceCaseId), referralOf(atf, atfCaseId)]);
  const hit = (await eventually(() => http('GET', `/cases/${iceCaseId}/hits`, { token: ice }), (r) => r.body.items?.some((h: any) => h.matchType === 'PHONE'), 30_000))
    .body.items.find((h: any) => h.matchType === 'PHONE');
  // ATF checks the phone ICE's case holds: a check record both agencies may list (ATF made it, ICE's item was met).
  must(await http('POST', '/deconfliction/checks', { token: atf, body: { identifiers: [{ type: 'PHONE', value: sharedPhone }] } }), 200, 'check');
  const checkId = must<any>(await http('GET', '/deconfliction/checks?direction=MADE&limit=1', { token: atf }), 200, 'check list').items[0].id;

  // Seizures: ICE's incomplete one stays private; ATF's complete one is shared with ICE. ICE asks ATF for a trace.
  const iceSeizure = { serial: `SZ${digits(9)}`, circumstances: secret('seizure-circumstances') };
  const iceSeizureId = must<any>(await http('POST', '/seizures', { token: ice, body: {
    seizedAt: '2026-09-01T10:00:00Z', circumstances: iceSeizure.circumstances, firearms: [{ serialNumber: iceSeizure.serial }, { serialNumber: seized.ice }],
  } }), 201, 'ICE seizure').id;
  const atfSeizure = { serial: `SZ${digits(9)}`, circumstances: secret('seizure-circumstances') };
  const atfSeizureId = must<any>(await http('POST', '/seizures', { token: atf, body: {
    seizedAt: '2026-09-02T10:00:00Z', location: { latitude: 31.33, longitude: -110.94, description: 'lane 2' },
    circumstances: atfSeizure.circumstances, finder: 'F', seizingOfficial: 'S', forensicProcessor: 'P',
    firearms: [atfSeizure.serial, seized.atf].map((serialNumber) => ({ serialNumber, make: 'Colt', model: 'AR-15', importer: 'none', caliber: '5.56', action: 'semi-automatic' })),
    noArrests: true, pointsOfContact: [{ name: 'ATF desk', agency: 'ATF', phone: '+1 202 555 0100' }],
  } }), 201, 'ATF seizure').id;
  must(await http('POST', `/seizures/${atfSeizureId}/share`, { token: atf, body: { agencies: ['ICE'] } }), 200, 'share ATF seizure');
  // Each seizure meets a firearm of the other agency's case; each lookout the other agency's case.
  const hitsOf = async (token: string, path: string, n: number) =>
    (await eventually(() => http('GET', path, { token }), (r) => r.body.items?.length === n, 30_000)).body.items as { id: string }[];
  const [iceSeizureHit] = await hitsOf(ice, `/seizures/${iceSeizureId}/hits`, 1);
  const [atfSeizureHit] = await hitsOf(atf, `/seizures/${atfSeizureId}/hits`, 1);
  const [iceLookoutHit] = await hitsOf(ice, `/lookouts/${iceLookout.id}/hits`, 1);
  const [atfLookoutHit] = await hitsOf(atf, `/lookouts/${atfLookout.id}/hits`, 1);
  const trace = must<any>(await http('POST', `/seizures/${iceSeizureId}/traces`, { token: ice, body: { serialNumber: iceSeizure.serial, priority: 'ROUTINE' } }), 201, 'trace');

  // Meetings far ahead (no clock fires during the run); ATF's outcome brings an ATF action item.
  const meeting = async (token: string) => {
    const title = secret('meeting-title');
    const body = { title, counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'EXECUTIVE', scheduledAt: `${2300 + Math.floor(Math.random() * 500)}-03-01T15:00:00Z`, deliverables: ['TRANSNATIONAL_CRIME'] };
    return { id: must<any>(await http('POST', '/meetings', { token, body }), 201, 'meeting').id, title };
  };
  const [iceMeeting, atfMeeting] = [await meeting(sac), await meeting(atf)];
  const iceItem = { description: secret('action-item') };
  const iceItemId = must<any>(await http('POST', '/action-items', { token: spp, body: {
    conference: 'Matrix conference', description: iceItem.description, owner: `Group ${marker}`, dueAt: '2400-01-01T00:00:00Z',
  } }), 201, 'ICE action item').id;
  const atfItem = { description: secret('action-item') };
  const outcome = must<any>(await http('POST', `/meetings/${atfMeeting.id}/outcome`, { token: atf, body: {
    heldAt: new Date(Date.now() - 60_000).toISOString(), summary: secret('meeting-summary'),
    actionItems: [{ description: atfItem.description, owner: `Group ${marker}`, dueAt: '2400-01-01T00:00:00Z' }],
  } }), 201, 'ATF meeting outcome');
  const atfItemId = outcome.actionItems[0].id;
  // A POSSIBLE person match (issue 16): the desk's review item, holding ATF's (query) and ICE's (candidate) pointers.
  const review = await possibleMatchItem();

  // PATCH /cases/{id}/subjects/{subjectId} names the case's person.
  const subjectOf = async (token: string, caseId: string) => ({
    subjectId: String(must<any>(await http('GET', `/cases/${caseId}`, { token }), 200, 'case subjects').subjects[0].id),
  });
  const [iceSubject, atfSubject] = [await subjectOf(ice, iceCaseId), await subjectOf(atf, atfCaseId)];

  return {
    case: [
      // The person and the serial are in R3's packet to ATF (a disclosure): the referral below holds them too. The
      // title, summary and e-mail are not: ATF never reads them before accepting.
      { id: iceCaseId, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [iceCase.title, iceCase.summary, iceCase.person, iceCase.email, iceCase.serial], extra: iceSubject },
      { id: atfCaseId, owner: 'ATF', readers: ['ICE'], agencies: ['ATF'], secrets: [atfCase.title, atfCase.summary, atfCase.person], extra: atfSubject },
    ],
    referral: [
      { id: iceReferral.id, owner: 'ATF', readers: ['ICE'], agencies: ['ICE'], secrets: [iceCase.person, iceCase.serial] },
      { id: atfReferral.id, owner: 'CBP', readers: ['ATF'], agencies: ['ATF'], secrets: [] },
    ],
    hit: [hit, iceSeizureHit, atfSeizureHit, iceLookoutHit, atfLookoutHit].map(({ id }) => ({ id, owner: 'ICE', readers: ['ATF'], agencies: ['ICE', 'ATF'], secrets: [] })),
    check: [{ id: checkId, owner: 'ATF', readers: ['ICE'], agencies: ['ATF', 'ICE'], secrets: [] }],
    review: [{ id: review.reviewId, owner: 'ATF', readers: [], agencies: ['ATF', 'ICE'], secrets: [] }],
    lookout: [
      { id: iceLookout.id, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [iceLookout.note] },
      { id: atfLookout.id, owner: 'ATF', readers: [], agencies: ['ATF'], secrets: [atfLookout.note] },
    ],
    seizure: [
      { id: iceSeizureId, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [iceSeizure.circumstances], extra: { serial: iceSeizure.serial } },
      { id: atfSeizureId, owner: 'ATF', readers: ['ICE'], agencies: ['ATF'], secrets: [atfSeizure.circumstances], extra: { serial: atfSeizure.serial } },
    ],
    trace: [{ id: trace.id, owner: 'ATF', readers: ['ICE'], agencies: ['ICE'], secrets: [] }],
    meeting: [
      { id: iceMeeting.id, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [iceMeeting.title] },
      { id: atfMeeting.id, owner: 'ATF', readers: [], agencies: ['ATF'], secrets: [atfMeeting.title] },
    ],
    actionItem: [
      { id: iceItemId, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [iceItem.description] },
      { id: atfItemId, owner: 'ATF', readers: [], agencies: ['ATF'], secrets: [atfItem.description] },
    ],
  };
}
