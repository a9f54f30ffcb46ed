import { eventually, http, uniqueWord } from './http';

/**
 * The access matrix sends an allowed caller an invalid body (400 shows the role and agency checks let it through, and
 * nothing changes), so a write granted across agencies never runs there. Here each one runs for real, on fixtures
 * made for it: the step must succeed, change the record, and leave its audit entry under the caller's name.
 */
export interface GrantedStep {
  route: string;
  caller: string;
  /** The record the step changed and the audit action it owes. */
  entityId: string;
  action: string;
}

type Tokens = (username: string) => string;
const must = <T = any>(response: { status: number; body: T }, status: number, what: string): T => {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const heldAt = () => new Date(Date.now() - 60_000).toISOString();

/** A sharing agency (ICE) asks for a trace of ATF's seizure; ATF, the tracing agency, starts and completes it. */
async function traces(token: Tokens): Promise<GrantedStep[]> {
  const serial = `GW${digits(9)}`;
  const seizure = must(await http('POST', '/seizures', { token: token('atf.agent'), body: {
    seizedAt: '2026-09-02T10:00:00Z', location: { latitude: 31.33, longitude: -110.94, description: 'lane 3' },
    circumstances: 'granted-write probe', finder: 'F', seizingOfficial: 'S', forensicProcessor: 'P',
    firearms: [{ serialNumber: serial, make: 'Colt', model: 'AR-15', importer: 'none', caliber: '5.56', action: 'semi-automatic' }],
    noArrests: true, pointsOfContact: [{ name: 'ATF desk', agency: 'ATF', phone: '+1 202 555 0100' }],
  } }), 201, 'ATF seizure');
  must(await http('POST', `/seizures/${seizure.id}/share`, { token: token('atf.agent'), body: { agencies: ['ICE'] } }), 200, 'share');
  const trace = must(await http('POST', `/seizures/${seizure.id}/traces`, { token: token('ice.agent'), body: { serialNumber: serial, priority: 'ROUTINE' } }), 201, 'ICE requests a trace');
  if (trace.requestingAgency !== 'ICE' || trace.tracingAgency !== 'ATF') throw new Error(`trace parties: ${JSON.stringify(trace)}`);
  const started = must(await http('POST', `/traces/${trace.id}/start`, { token: token('atf.agent') }), 200, 'ATF starts');
  if (started.status !== 'IN_PROGRESS') throw new Error(`start: ${started.status}`);
  const done = must(await http('POST', `/traces/${trace.id}/result`, { token: token('atf.agent'), body: {
    status: 'COMPLETED', firstRetailDealer: 'Granted Guns LLC', sourceState: 'AZ', firstRetailSaleDate: '2025-01-15',
  } }), 200, 'ATF completes');
  if (done.status !== 'COMPLETED' || done.result?.sourceState !== 'AZ') throw new Error(`result: ${JSON.stringify(done)}`);
  return [
    { route: 'POST /seizures/{id}/traces', caller: 'ice.agent', entityId: trace.id, action: 'trace.submitted' },
    { route: 'POST /traces/{id}/start', caller: 'atf.agent', entityId: trace.id, action: 'trace.in_progress' },
    { route: 'POST /traces/{id}/result', caller: 'atf.agent', entityId: trace.id, action: 'trace.completed' },
  ];
}

/** ICE's case is referred to ATF (R3) and CBP (R1): ATF acknowledges and accepts, CBP declines; ICE's own referral to PGR is withdrawn. */
async function referrals(token: Tokens): Promise<GrantedStep[]> {
  const ice = token('ice.agent');
  const kase = must(await http('POST', '/cases', { token: ice, body: {
    title: `granted ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', flags: { domesticSale: true, portOfEntry: 'Nogales, AZ' },
  } }), 201, 'ICE case');
  const sent = (await eventually(() => http('GET', `/cases/${kase.id}/referrals`, { token: ice }), (r) => r.body.items?.length === 2, 30_000)).body.items;
  const to = (agency: string) => sent.find((r: { toAgency: string }) => r.toAgency === agency);
  const atf = token('atf.agent');
  // A referral's workflow starts just after its row is saved; before it has, a step is 503 with Retry-After.
  const acknowledged = await eventually(() => http('POST', `/referrals/${to('ATF').id}/acknowledge`, { token: atf }), (r) => r.status !== 503);
  must(acknowledged, 200, 'ATF acknowledges');
  const accepted = must(await http('POST', `/referrals/${to('ATF').id}/accept`, { token: atf, body: { note: 'ours' } }), 200, 'ATF accepts');
  const declined = must(await eventually(() => http('POST', `/referrals/${to('CBP').id}/decline`, { token: token('cbp.officer'), body: { reason: 'no port nexus' } }), (r) => r.status !== 503), 200, 'CBP declines');
  if (accepted.status !== 'ACCEPTED' || declined.status !== 'DECLINED') throw new Error(`referrals: ${accepted.status} ${declined.status}`);
  must(await http('GET', `/cases/${kase.id}`, { token: atf }), 200, 'accepting shared the case with ATF');
  // ICE refers the same case to PGR itself, then takes the referral back.
  const manual = must(await http('POST', `/cases/${kase.id}/referrals`, { token: ice, body: { toAgency: 'PGR', reason: 'granted-write probe', packet: {} } }), 201, 'ICE refers to PGR');
  const withdrawn = must(await eventually(() => http('POST', `/referrals/${manual.id}/withdraw`, { token: ice, body: { reason: 'probe over' } }), (r) => r.status !== 503), 200, 'ICE withdraws');
  if (withdrawn.status !== 'WITHDRAWN') throw new Error(`withdraw: ${withdrawn.status}`);
  return [
    { route: 'POST /referrals/{id}/withdraw', caller: 'ice.agent', entityId: manual.id, action: 'referral.withdrawn' },
    { route: 'POST /referrals/{id}/acknowledge', caller: 'atf.agent', entityId: to('ATF').id, action: 'referral.acknowledged' },
    { route: 'POST /referrals/{id}/accept', caller: 'atf.agent', entityId: to('ATF').id, action: 'referral.accepted' },
    { route: 'POST /referrals/{id}/decline', caller: 'cbp.officer', entityId: to('CBP').id, action: 'referral.declined' },
  ];
}

/** The meeting team asks ATF for a report, ATF submits it, leadership accepts it; the team closes ATF's action item. */
async function meetings(token: Tokens): Promise<GrantedStep[]> {
  const atf = token('atf.agent');
  const meeting = must(await http('POST', '/meetings', { token: atf, body: {
    title: `granted ${uniqueWord()}`, counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'EXECUTIVE',
    scheduledAt: `${2300 + Math.floor(Math.random() * 500)}-04-01T15:00:00Z`, deliverables: ['TRANSNATIONAL_CRIME'],
  } }), 201, 'ATF meeting');
  const outcome = must(await http('POST', `/meetings/${meeting.id}/outcome`, { token: atf, body: {
    heldAt: heldAt(), summary: 'granted-write probe', actionItems: [{ description: 'follow up', owner: 'Group GW', dueAt: '2400-01-01T00:00:00Z' }],
  } }), 201, 'ATF outcome');
  const requested = must(await http('POST', `/meetings/${meeting.id}/report-request`, { token: token('spp.team'), body: {} }), 200, 'team requests the report');
  must(await http('POST', `/meetings/${meeting.id}/report`, { token: atf, body: { body: 'what was agreed' } }), 200, 'ATF submits');
  const reviewed = must(await http('POST', `/meetings/${meeting.id}/report/review`, { token: token('leadership'), body: { decision: 'ACCEPT', comment: 'thanks' } }), 200, 'leadership accepts');
  const item = outcome.actionItems[0];
  const closed = must(await http('POST', `/action-items/${item.id}/close`, { token: token('spp.team'), body: { note: 'done by the team' } }), 200, 'team closes ATF item');
  if (requested.report !== 'REQUESTED' || reviewed.report !== 'ACCEPTED' || closed.status !== 'CLOSED') {
    throw new Error(`meeting steps: ${requested.report} ${reviewed.report} ${closed.status}`);
  }
  return [
    { route: 'POST /meetings/{id}/report-request', caller: 'spp.team', entityId: meeting.id, action: 'meeting.report_requested' },
    { route: 'POST /meetings/{id}/report/review', caller: 'leadership', entityId: meeting.id, action: 'meeting.report_accepted' },
    { route: 'POST /action-items/{id}/close', caller: 'spp.team', entityId: item.id, action: 'action_item.closed' },
  ];
}

/** The meeting team (ICE) adds an attendee to ATF's meeting, reschedules it, then cancels it (issue 18). */
async function meetingChanges(token: Tokens): Promise<GrantedStep[]> {
  const meeting = must(await http('POST', '/meetings', { token: token('atf.agent'), body: {
    title: `granted ${uniqueWord()}`, counterpartCountry: 'CA', counterpartAgencies: ['RCMP'], level: 'EXECUTIVE',
    scheduledAt: `${2300 + Math.floor(Math.random() * 500)}-05-01T15:00:00Z`,
  } }), 201, 'ATF meeting to change');
  const spp = token('spp.team');
  const added = must(await http('POST', `/meetings/${meeting.id}/attendees`, { token: spp, body: { attendees: [{ name: 'RCMP liaison', agency: 'RCMP' }] } }), 201, 'team adds an attendee');
  const moved = must(await http('POST', `/meetings/${meeting.id}/reschedule`, { token: spp, body: { scheduledAt: '2400-07-01T15:00:00Z', reason: 'moved by the team' } }), 200, 'team reschedules');
  const cancelled = must(await http('POST', `/meetings/${meeting.id}/cancel`, { token: spp, body: { reason: 'called off by the team' } }), 200, 'team cancels');
  if (added.attendees.length !== 1 || moved.scheduledAt !== '2400-07-01T15:00:00.000Z' || cancelled.status !== 'CANCELLED') {
    throw new Error(`meeting changes: ${added.attendees.length} ${moved.scheduledAt} ${cancelled.status}`);
  }
  return [
    { route: 'POST /meetings/{id}/attendees', caller: 'spp.team', entityId: meeting.id, action: 'meeting.attendees_added' },
    { route: 'POST /meetings/{id}/reschedule', caller: 'spp.team', entityId: meeting.id, action: 'meeting.rescheduled' },
    { route: 'POST /meetings/{id}/cancel', caller: 'spp.team', entityId: meeting.id, action: 'meeting.cancelled' },
  ];
}

/** An ICE case and an ATF case share a phone; the joint desk (ICE coordinators) works the hit and resolves it. */
async function hits(token: Tokens): Promise<GrantedStep[]> {
  const phone = `+1 (602) ${digits(3)}-${digits(4)}`;
  const make = async (username: string) => must(await http('POST', '/cases', { token: token(username), body: {
    title: `granted ${uniqueWord()}`, category: 'OTHER', identifiers: [{ type: 'PHONE', value: phone }],
  } }), 201, `${username} case`).id as string;
  const iceCase = await make('ice.agent');
  await make('atf.agent');
  const hit = (await eventually(() => http('GET', `/cases/${iceCase}/hits`, { token: token('ice.agent') }), (r) => r.body.items?.length > 0, 30_000)).body.items[0];
  // The workbench (issue 17): the desk claims it, logs a call, and its supervisor hands it to ATF's coordinator.
  const desk = (route: string, caller: string, body?: unknown) =>
    http('POST', `/deconfliction/hits/${hit.id}/${route}`, { token: token(caller), body });
  must(await desk('claim', 'coordinator'), 200, 'desk claims');
  must(await desk('contacts', 'coordinator', { reached: 'ATF duty agent', agency: 'ATF', means: 'PHONE', agreed: 'granted-write probe' }), 201, 'desk logs a call');
  must(await desk('assign', 'desk.supervisor', { to: 'atf.coordinator' }), 200, 'supervisor hands it over');
  const resolved = must(await http('POST', `/deconfliction/hits/${hit.id}/resolve`, { token: token('coordinator'), body: { resolution: 'NO_CONFLICT', note: 'called both' } }), 200, 'desk resolves');
  if (resolved.status !== 'RESOLVED') throw new Error(`resolve: ${resolved.status}`);
  // Issue 17: the desk reopens it (an ATF side among the two).
  const reopened = must(await http('POST', `/deconfliction/hits/${hit.id}/reopen`, { token: token('coordinator'), body: { reason: 'granted reopen' } }), 200, 'desk reopens');
  if (reopened.status !== 'OPEN') throw new Error(`reopen: ${reopened.status}`);
  return [
    { route: 'POST /deconfliction/hits/{id}/claim', caller: 'coordinator', entityId: hit.id, action: 'hit.claimed' },
    { route: 'POST /deconfliction/hits/{id}/contacts', caller: 'coordinator', entityId: hit.id, action: 'hit.contact_logged' },
    { route: 'POST /deconfliction/hits/{id}/assign', caller: 'desk.supervisor', entityId: hit.id, action: 'hit.assigned' },
    { route: 'POST /deconfliction/hits/{id}/resolve', caller: 'coordinator', entityId: hit.id, action: 'hit.resolved' },
    { route: 'POST /deconfliction/hits/{id}/reopen', caller: 'coordinator', entityId: hit.id, action: 'hit.reopened' },
  ];
}

export const GRANTED_WRITES: ((token: Tokens) => Promise<GrantedStep[]>)[] = [traces, referrals, meetings, meetingChanges, hits];
