import { demoUserId } from '../../libs/auth/demo-users';
import type { MatrixResource, ResourceKind } from './matrix-fixtures';

/**
 * The access policy of every route, written from api.md and the README (not read from the code): who the role check
 * lets through, and what each of them gets for their own agency's record, one shared with them, and another agency's.
 * A new route without an entry here fails access-matrix.spec.ts.
 */
export type Role = 'CASE_AGENT' | 'REFERRAL_OFFICER' | 'DECONFLICTION_COORDINATOR' | 'MEETING_ORGANIZER' | 'MEETING_COORDINATION' | 'LEADERSHIP' | 'ADMIN' | 'DESK_SUPERVISOR';
export interface DemoUser { username: string; agency: string; roles: Role[] }

/** api.md's demo table, with REFERRAL_OFFICER for ICE and ATF agents as the README's Referrals section states. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'ice.agent', agency: 'ICE', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] },
  { username: 'atf.agent', agency: 'ATF', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] },
  { username: 'cbp.officer', agency: 'CBP', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] },
  { username: 'dea.agent', agency: 'DEA', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] },
  { username: 'fbi.agent', agency: 'FBI', roles: ['CASE_AGENT'] },
  { username: 'pgr.liaison', agency: 'PGR', roles: ['CASE_AGENT'] },
  { username: 'ice.sac', agency: 'ICE', roles: ['CASE_AGENT', 'MEETING_ORGANIZER'] },
  { username: 'coordinator', agency: 'ICE', roles: ['DECONFLICTION_COORDINATOR'] },
  { username: 'spp.team', agency: 'ICE', roles: ['MEETING_COORDINATION'] },
  { username: 'leadership', agency: 'ICE', roles: ['LEADERSHIP'] },
  { username: 'admin', agency: 'ICE', roles: ['ADMIN'] },
  // Issue 17: a second coordinator and the desk supervisor (README, "Demo users").
  { username: 'atf.coordinator', agency: 'ATF', roles: ['DECONFLICTION_COORDINATOR'] },
  { username: 'desk.supervisor', agency: 'ICE', roles: ['DECONFLICTION_COORDINATOR', 'DESK_SUPERVISOR'] },
];

export type Outcome = 'ok' | 403 | 404;
export type Relation = 'own' | 'shared' | 'other';
type Rule = (user: DemoUser, relation: Relation) => Outcome;

export const relationOf = (user: DemoUser, resource: MatrixResource): Relation =>
  user.agency === resource.owner ? 'own' : resource.readers.includes(user.agency) ? 'shared' : 'other';
const allAgencies = (user: DemoUser) => user.roles.includes('MEETING_COORDINATION') || user.roles.includes('LEADERSHIP');

/** Owner and agencies it is shared with read; anyone else is told it does not exist. */
const READ: Rule = (_u, rel) => (rel === 'other' ? 404 : 'ok');
/** Only the owning agency changes it: a sharing agency may read but gets 403; anyone else 404. */
const OWNER: Rule = (_u, rel) => (rel === 'own' ? 'ok' : rel === 'shared' ? 403 : 404);
/** Only the owning side: the receiving agency works a referral (even its sender gets 404), an agency its own lookouts and meetings. */
const OWN_ONLY: Rule = (_u, rel) => (rel === 'own' ? 'ok' : 404);
const ANY: Rule = () => 'ok';
/** Hand a hit over without holding it: the desk supervisor; another coordinator who does not hold it gets 403. */
const SUPERVISOR: Rule = (u) => (u.roles.includes('DESK_SUPERVISOR') ? 'ok' : 403);
/** The sending agency takes its referral back: the receiving agency reads it but gets 403; anyone else 404. */
const SENDER: Rule = (_u, rel) => (rel === 'shared' ? 'ok' : rel === 'own' ? 403 : 404);
/** Meetings and action items: the coordination team and leadership see every agency's, others their own. */
const MEETING_READ: Rule = (u, rel) => (allAgencies(u) || rel === 'own' ? 'ok' : 404);
const ITEM_CLOSE: Rule = (u, rel) => (u.roles.includes('MEETING_COORDINATION') || rel === 'own' ? 'ok' : 404);
/** Cancel, reschedule, attendees: the organizing agency, or the coordination team (any agency's meeting). */
const MEETING_CHANGE: Rule = ITEM_CLOSE;

export interface RouteExpectation {
  /** Who passes the role check: 'public' needs no token, 'authenticated' any token. */
  roles: Role[] | 'public' | 'authenticated';
  /** The records `{id}` takes; without it the route is probed once per user. */
  resource?: ResourceKind;
  /** The outcome for a user the role check lets through (default READ for reads, OWNER for writes). */
  rule?: Rule;
  /** A body the route accepts, sent by callers expected to be refused, so only authorisation can stop them. */
  body?: (resource?: MatrixResource) => unknown;
  /** The route takes no body: an allowed call really runs; its 2xx or 409 both show it was let through. */
  noBody?: boolean;
  query?: string;
  /** Other path parameters. */
  params?: Record<string, string>;
  /**
   * A public route whose success needs an OpenID provider configured (single sign-on): the statuses it answers on the
   * shared stack, which has none (its successes: test/integration/sso.spec.ts, test/browser/sso-login.spec.ts).
   */
  withoutProvider?: number[];
  stream?: boolean;
  /** A list: which agencies' data each item holds, and which fixtures the caller must find in it. */
  list?: ListExpectation;
  /**
   * Whom the answer's `items` must not come back empty to, so the leak check cannot pass over an empty list: the
   * fixtures hold a hit of every kind (case, lookout, seizure) and notifications of them.
   */
  nonEmpty?: (user: DemoUser, resource?: MatrixResource) => boolean;
}

type Item = Record<string, unknown>;
export interface ListExpectation {
  kind: ResourceKind;
  /** The agencies whose data a returned item holds, read from the item as the API returns it. */
  agenciesOf: (item: Item) => string[];
  /** Whether the list shows this fixture to this caller (the fixtures are the newest records of their kind). */
  shows: (user: DemoUser, resource: MatrixResource) => boolean;
  /** The list never returns another agency's record (so no fixture can make its read audit fire). */
  ownOnly?: boolean;
}
const owningAgency = (item: Item) => [String(item.owningAgency)];

const CA: Role = 'CASE_AGENT';
const RO: Role = 'REFERRAL_OFFICER';
const DC: Role = 'DECONFLICTION_COORDINATOR';
const MO: Role = 'MEETING_ORGANIZER';
const MC: Role = 'MEETING_COORDINATION';
const LEAD: Role = 'LEADERSHIP';
const ADMIN: Role = 'ADMIN';
/** A payload as the Temporal UI sends it to be encoded: a JSON string, base64 in the codec-server protocol. */
export const PLAIN_PAYLOADS = {
  payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"fuzz"').toString('base64') }],
};
const MEETING_READERS = [MO, CA, MC, LEAD];
/** When this module was loaded, before the fixtures were made. */
const MATRIX_START = new Date(Date.now() - 1000).toISOString();
/** The fixtures' case agents and lookout and seizure owners, and the desk: each hears of the fixtures' hits. */
const HIT_RECIPIENTS = ['ice.agent', 'atf.agent', 'coordinator'];
const past = () => new Date(Date.now() - 3_600_000).toISOString();

export const ACCESS_TABLE: Record<string, RouteExpectation> = {
  'GET /health': { roles: 'public' },
  'POST /auth/token': { roles: 'public', body: () => ({ username: 'nobody-matrix', password: 'x' }) },
  // Takes no fields: the probe's unknown field gets 400, so the matrix's tokens stay live.
  'POST /auth/logout': { roles: 'authenticated' },
  'GET /agencies': { roles: 'authenticated' },
  // Single sign-on (issue 19): how a session begins, so public; the shared stack configures no provider.
  'GET /auth/sso/issuers': { roles: 'public' },
  'GET /auth/sso/{issuer}/start': { roles: 'public', params: { issuer: 'test-idp' }, withoutProvider: [404] },
  'GET /auth/sso/callback': { roles: 'public', query: '?state=matrix-probe&code=x', withoutProvider: [400] },
  'POST /auth/sso/session': { roles: 'public', body: () => ({ handoff: 'matrix-probe' }), withoutProvider: [400, 401] },
  // Issue 17: an agency's administrators keep its watch-desk contacts (the demo admin is ICE's).
  'GET /agencies/{code}/watch-desk': { roles: [ADMIN], params: { code: 'ICE' } },
  'PUT /agencies/{code}/watch-desk': { roles: [ADMIN], params: { code: 'ICE' }, body: () => ({ emails: [], webhooks: [] }) },

  'POST /cases': { roles: [CA], body: () => ({ title: 'matrix probe', category: 'OTHER' }) },
  'GET /cases': { roles: [CA, LEAD], list: { kind: 'case', agenciesOf: owningAgency, shows: (u, r) => relationOf(u, r) === 'own', ownOnly: true } },
  // Every fixture case names a person 'Matrix …': the search finds the readable ones, never another agency's.
  'GET /cases/search': {
    roles: [CA, LEAD], query: '?q=matrix&limit=100',
    list: { kind: 'case', agenciesOf: owningAgency, shows: (u, r) => relationOf(u, r) !== 'other' },
  },
  'GET /cases/{id}': { roles: [CA, LEAD], resource: 'case' },
  'PATCH /cases/{id}': { roles: [CA], resource: 'case', body: () => ({ title: 'matrix probe' }) },
  'POST /cases/{id}/subjects': { roles: [CA], resource: 'case', body: () => ({ subjects: [{ kind: 'PERSON', fullName: 'Matrix Probe' }] }) },
  // Issue 21: aliases and monikers of a subject; the ownership check comes before the subject is looked up.
  'POST /cases/{id}/subjects/{subjectId}/aliases': {
    roles: [CA], resource: 'case', params: { subjectId: '00000000-0000-4000-8000-0000000a11a5' }, body: () => ({ aliases: ['Matrix Alias'] }),
  },
  // Refused callers are stopped before the subject is looked up; the fuzz's valid requests name the fixture's person.
  'PATCH /cases/{id}/subjects/{subjectId}': {
    roles: [CA], resource: 'case', params: { subjectId: '00000000-0000-4000-8000-0000000000d0' }, body: () => ({ dateOfBirth: '1980-05-17' }),
  },
  'POST /cases/{id}/identifiers': { roles: [CA], resource: 'case', body: () => ({ identifiers: [{ type: 'EMAIL', value: 'matrix-probe@example.org' }] }) },
  'POST /cases/{id}/firearms': { roles: [CA], resource: 'case', body: () => ({ firearms: [{ serialNumber: 'MXPROBE0001' }] }) },
  'POST /cases/{id}/operations': {
    roles: [CA], resource: 'case',
    body: () => ({ operations: [{ type: 'ARREST', latitude: 1, longitude: 1, startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-01T01:00:00Z' }] }),
  },
  'POST /cases/{id}/close': { roles: [CA], resource: 'case', body: () => ({ outcome: 'matrix probe' }) },
  'POST /cases/{id}/shares': { roles: [CA], resource: 'case', body: () => ({ agency: 'USMS', reason: 'matrix probe' }) },
  'DELETE /cases/{id}/shares/{agency}': { roles: [CA], resource: 'case', params: { agency: 'USMS' }, noBody: true },
  'GET /cases/{id}/hits': { roles: [CA, LEAD], resource: 'case', nonEmpty: () => true },
  'GET /cases/{id}/referrals': { roles: [CA, LEAD], resource: 'case' },
  // The owning agency's agents refer their case, with the items they disclose.
  'POST /cases/{id}/referrals': { roles: [CA], resource: 'case', body: () => ({ toAgency: 'USMS', reason: 'matrix probe', packet: {} }) },

  // The watch desk is joint: coordinators work every agency's hits.
  'GET /deconfliction/hits': {
    roles: [DC], list: { kind: 'hit', agenciesOf: (item) => (item.sides as Item[]).map((side) => String(side.agency)), shows: () => true },
    nonEmpty: () => true,
  },
  'GET /deconfliction/hits/{id}': { roles: [DC], resource: 'hit', rule: ANY },
  // Issue 17: what reached the watch desks about a hit (every attempt and its result), for the joint desk.
  'GET /deconfliction/hits/{id}/deliveries': { roles: [DC], resource: 'hit', rule: ANY },
  // The coordinator's map: every agency's planned operations in a window (pointers and places only).
  // A window no spec plans operations in: with two agencies' coordinators, whether the map shows one a foreign operation
  // would otherwise depend on which specs ran first (its read audit is deconfliction-operations.spec's subject).
  'GET /deconfliction/operations': { roles: [DC], query: '?from=2096-03-01T00:00:00Z&to=2096-03-02T00:00:00Z' },
  // The workbench (issue 17). Any coordinator claims (the first wins, the others get 409); only a desk supervisor may
  // hand over a hit they do not hold (the fixtures are unclaimed when assign is probed: it sorts before claim).
  // Release is probed on an id that names none (the allowed caller's bad body is a 400), since the claim cells leave
  // the fixtures held; the fuzz run releases a hit of its own (fuzz-fixtures.ts).
  'POST /deconfliction/hits/{id}/claim': { roles: [DC], resource: 'hit', rule: ANY, noBody: true },
  'POST /deconfliction/hits/{id}/assign': { roles: [DC], resource: 'hit', rule: SUPERVISOR, body: () => ({ to: 'desk.supervisor' }) },
  'POST /deconfliction/hits/{id}/release': { roles: [DC], rule: ANY, params: { id: '00000000-0000-4000-8000-000000000000' }, body: () => ({ reason: 'matrix probe' }) },
  'POST /deconfliction/hits/{id}/contacts': {
    roles: [DC], resource: 'hit', rule: ANY, body: () => ({ reached: 'Matrix desk', agency: 'ATF', means: 'PHONE', agreed: 'matrix probe' }),
  },
  'GET /deconfliction/hits/{id}/contacts': { roles: [DC], resource: 'hit', rule: ANY },
  'POST /deconfliction/hits/{id}/resolve': { roles: [DC], resource: 'hit', rule: ANY, body: () => ({ resolution: 'NO_CONFLICT', note: 'matrix probe' }) },
  // Issue 17: the desk reopens any agency's resolved hit, and lists the suppressions NO_CONFLICT left (no case data).
  'POST /deconfliction/hits/{id}/reopen': { roles: [DC], resource: 'hit', rule: ANY, body: () => ({ reason: 'matrix probe' }) },
  'GET /deconfliction/suppressions': { roles: [DC], query: '?limit=50' },
  // POSSIBLE person matches and common names (issue 16): the joint desk reviews every agency's. Promote and dismiss
  // are probed on an id that names none (the allowed caller's bad body is a 400), so the fixture stays open.
  'GET /deconfliction/reviews': {
    roles: [DC], query: '?status=OPEN&limit=100',
    list: { kind: 'review', agenciesOf: (item) => [String((item.query as Item).agency), ...(item.agencies as string[])], shows: () => true },
  },
  'POST /deconfliction/reviews/{id}/promote': { roles: [DC], params: { id: '00000000-0000-4000-8000-000000000000' }, body: () => ({ note: 'matrix probe' }) },
  'POST /deconfliction/reviews/{id}/dismiss': { roles: [DC], params: { id: '00000000-0000-4000-8000-000000000000' }, body: () => ({ note: 'matrix probe' }) },
  'POST /deconfliction/checks': { roles: [CA], body: () => ({ identifiers: [{ type: 'EMAIL', value: 'matrix-probe@example.org' }] }) },
  // The caller's agency's checks and the checks that met its items (pointers only): agents, the desk, leadership.
  'GET /deconfliction/checks': {
    roles: [CA, DC, LEAD],
    list: {
      kind: 'check',
      agenciesOf: (item) => [String((item.checker as Item).agency), ...(item.matches as Item[]).map((m) => String((m.owner as Item).agency))],
      shows: (u, r) => u.agency === r.owner || r.readers.includes(u.agency),
    },
  },
  'POST /lookouts': { roles: [CA], body: () => ({ type: 'EMAIL', value: 'matrix-probe@example.org', note: 'matrix probe' }) },
  'GET /lookouts': { roles: [CA] },
  'GET /lookouts/{id}/hits': { roles: [CA], resource: 'lookout', rule: OWN_ONLY, nonEmpty: () => true },
  // The owning agency's agents stop a lookout; for anyone else it does not exist.
  'POST /lookouts/{id}/cancel': { roles: [CA], resource: 'lookout', rule: OWN_ONLY, body: () => ({ reason: 'matrix probe' }) },

  // The inbox: what was sent to the caller's agency, about the sender's case.
  'GET /referrals': { roles: [RO], list: { kind: 'referral', agenciesOf: (item) => [String(item.fromAgency)], shows: (u, r) => u.agency === r.owner } },
  // With its packet and sender: the receiving agency reads the disclosed items (the fixtures' referral secrets), and
  // nothing else of the case (the case fixtures' secrets stay unread by it).
  'GET /referrals/{id}': { roles: [RO, CA], resource: 'referral', rule: READ },
  'POST /referrals/{id}/withdraw': { roles: [CA], resource: 'referral', rule: SENDER, body: () => ({ reason: 'matrix probe' }) },
  'POST /referrals/{id}/acknowledge': { roles: [RO], resource: 'referral', rule: OWN_ONLY, noBody: true },
  'POST /referrals/{id}/accept': { roles: [RO], resource: 'referral', rule: OWN_ONLY, body: () => ({ note: 'matrix probe' }) },
  'POST /referrals/{id}/decline': { roles: [RO], resource: 'referral', rule: OWN_ONLY, body: () => ({ reason: 'matrix probe' }) },

  'POST /meetings': {
    roles: [MO, CA],
    body: () => ({ title: 'matrix probe', counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'WORKING', scheduledAt: '2400-01-01T00:00:00Z' }),
  },
  'GET /meetings': { roles: MEETING_READERS, list: { kind: 'meeting', agenciesOf: owningAgency, shows: (u, r) => maySee('meeting', u, r) } },
  'GET /meetings/compliance': { roles: [LEAD], query: '?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z' },
  'GET /meetings/{id}': { roles: MEETING_READERS, resource: 'meeting', rule: MEETING_READ },
  'POST /meetings/{id}/notification': { roles: [MO, CA], resource: 'meeting', rule: OWN_ONLY, noBody: true },
  'POST /meetings/{id}/outcome': { roles: [MO, CA], resource: 'meeting', rule: OWN_ONLY, body: () => ({ heldAt: past(), summary: 'matrix probe' }) },
  'POST /meetings/{id}/report-request': { roles: [MC], resource: 'meeting', rule: ANY, body: () => ({}) },
  'POST /meetings/{id}/report': { roles: [MO, CA], resource: 'meeting', rule: OWN_ONLY, body: () => ({ body: 'matrix probe' }) },
  'POST /meetings/{id}/report/review': { roles: [MC, LEAD], resource: 'meeting', rule: ANY, body: () => ({ decision: 'ACCEPT', comment: 'matrix probe' }) },
  // Issue 18: the organizing agency's organizers and agents, or the coordination team for any agency's meeting.
  'POST /meetings/{id}/cancel': { roles: [MO, CA, MC], resource: 'meeting', rule: MEETING_CHANGE, body: () => ({ reason: 'matrix probe' }) },
  'POST /meetings/{id}/reschedule': {
    roles: [MO, CA, MC], resource: 'meeting', rule: MEETING_CHANGE, body: () => ({ scheduledAt: '2400-06-01T00:00:00Z', reason: 'matrix probe' }),
  },
  'POST /meetings/{id}/attendees': {
    roles: [MO, CA, MC], resource: 'meeting', rule: MEETING_CHANGE, body: () => ({ attendees: [{ name: 'matrix probe', agency: 'PGR' }] }),
  },
  'GET /action-items': { roles: MEETING_READERS, list: { kind: 'actionItem', agenciesOf: owningAgency, shows: (u, r) => maySee('actionItem', u, r) } },
  'POST /action-items': { roles: [MC, MO], body: () => ({ conference: 'c', description: 'matrix probe', owner: 'o', dueAt: '2400-01-01T00:00:00Z' }) },
  'GET /action-items/{id}': { roles: MEETING_READERS, resource: 'actionItem', rule: MEETING_READ },
  'POST /action-items/{id}/close': { roles: [MO, CA, MC], resource: 'actionItem', rule: ITEM_CLOSE, body: () => ({ note: 'matrix probe' }) },

  'POST /seizures': { roles: [CA], body: () => ({ seizedAt: '2026-01-01T00:00:00Z', firearms: [{ serialNumber: 'MXPROBE0002' }] }) },
  'GET /seizures': { roles: [CA], list: { kind: 'seizure', agenciesOf: owningAgency, shows: (u, r) => relationOf(u, r) !== 'other' } },
  'GET /seizures/{id}': { roles: [CA], resource: 'seizure' },
  'PATCH /seizures/{id}': { roles: [CA], resource: 'seizure', body: () => ({ circumstances: 'matrix probe' }) },
  'POST /seizures/{id}/share': { roles: [CA], resource: 'seizure', body: () => ({ agencies: ['PGR'] }) },
  'GET /seizures/{id}/hits': { roles: [CA], resource: 'seizure', rule: OWNER, nonEmpty: () => true },
  // A sharing agency may ask for a trace of a seizure it reads.
  'POST /seizures/{id}/traces': { roles: [CA], resource: 'seizure', rule: READ, body: (r) => ({ serialNumber: r?.extra?.serial, priority: 'ROUTINE' }) },
  // The owning agency's agents trace a firearm of their case; a sharing agency reads the case but does not act on it.
  'POST /cases/{id}/firearms/{firearmId}/traces': {
    roles: [CA], resource: 'case', rule: OWNER, params: { firearmId: '00000000-0000-4000-8000-000000000f13' },
    body: () => ({ priority: 'ROUTINE' }),
  },
  'GET /traces': { roles: [CA], list: { kind: 'trace', agenciesOf: (item) => [String(item.requestingAgency)], shows: (u, r) => relationOf(u, r) !== 'other' } },
  'GET /traces/{id}': { roles: [CA], resource: 'trace' },
  'POST /traces/{id}/start': { roles: [CA], resource: 'trace', noBody: true },
  'POST /traces/{id}/result': { roles: [CA], resource: 'trace', body: () => ({ status: 'UNSUCCESSFUL', reason: 'matrix probe' }) },
  'GET /stats': { roles: [LEAD], query: '?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&groupBy=agency' },

  // What reached each user since the matrix began (the fixtures' hits and check among it), not the oldest page.
  'GET /notifications': { roles: 'authenticated', query: `?since=${encodeURIComponent(MATRIX_START)}&limit=500`, nonEmpty: (u) => HIT_RECIPIENTS.includes(u.username) },
  'GET /notifications/stream': { roles: 'authenticated', stream: true },
  'GET /audit': { roles: [LEAD, ADMIN] },
  'GET /audit/verify': { roles: [LEAD, ADMIN] },
  // Temporal codec server (issue 22, item 11): decrypts any agency's workflow payloads, so the admin only.
  'POST /codec/decode': { roles: [ADMIN] },
  'POST /codec/encode': { roles: [ADMIN], body: () => PLAIN_PAYLOADS },

  // Identity (issue 19). The second factor and the caller's own password: any signed-in user (a restricted session too).
  'POST /auth/token/second-factor': { roles: 'public', body: () => ({ challenge: 'not-a-challenge', code: '123456' }) },
  'POST /auth/mfa/enrol': { roles: 'authenticated' },
  'POST /auth/mfa/confirm': { roles: 'authenticated', body: () => ({ code: '123456' }) },
  'POST /auth/password': { roles: 'authenticated', body: () => ({ currentPassword: 'not the password', newPassword: 'a matrix password' }) },
  // Administration: the admin only, installation-wide. The list is ICE's (the admin's agency), so no read audit is owed;
  // one user is named by the demo users' fixed ids. Invalid path values make an admin's DELETE a 400 that changes nothing.
  'GET /admin/users': { roles: [ADMIN], query: '?agency=ICE&limit=200' },
  'POST /admin/users': {
    roles: [ADMIN], body: () => ({ username: `matrix.${Math.random().toString(36).slice(2, 10)}`, agency: 'ICE', roles: ['CASE_AGENT'], fullName: 'Matrix Probe', password: 'a matrix first password' }),
  },
  'GET /admin/users/{id}': { roles: [ADMIN], params: { id: demoUserId('ice.agent') } },
  'PATCH /admin/users/{id}': { roles: [ADMIN], params: { id: demoUserId('ice.sac') }, body: () => ({ fullName: 'Samuel A. Cruz' }) },
  'POST /admin/users/{id}/disable': { roles: [ADMIN], params: { id: demoUserId('ice.sac') } },
  'POST /admin/users/{id}/enable': { roles: [ADMIN], params: { id: demoUserId('ice.sac') } },
  'POST /admin/users/{id}/reset-password': { roles: [ADMIN], params: { id: demoUserId('ice.sac') }, body: () => ({ temporaryPassword: 'a matrix temporary one' }) },
  'POST /admin/users/{id}/reset-second-factor': { roles: [ADMIN], params: { id: demoUserId('ice.sac') } },
  'POST /admin/users/{id}/unlock': { roles: [ADMIN], params: { id: demoUserId('ice.sac') } },
  'GET /admin/users/{id}/sessions': { roles: [ADMIN], params: { id: demoUserId('ice.agent') } },
  'DELETE /admin/users/{id}/sessions/{sessionId}': { roles: [ADMIN], params: { id: demoUserId('ice.sac'), sessionId: 'not-a-session' } },
  'GET /admin/agencies': { roles: [ADMIN] },
  'POST /admin/agencies': { roles: [ADMIN], body: () => ({ code: `MX${Math.random().toString(36).slice(2, 8).toUpperCase()}`, name: 'Matrix', country: 'US', kind: 'LOCAL' }) },
  'GET /admin/agencies/{code}': { roles: [ADMIN], params: { code: 'ICE' } },
  'PATCH /admin/agencies/{code}': { roles: [ADMIN], params: { code: 'USMS' }, body: () => ({ name: 'U.S. Marshals Service' }) },
  'POST /admin/agencies/{code}/retire': { roles: [ADMIN], params: { code: 'USMS' } },
  'POST /admin/agencies/{code}/reinstate': { roles: [ADMIN], params: { code: 'USMS' } },
  'DELETE /admin/agencies/{code}': { roles: [ADMIN], params: { code: 'not-a-code' } },
  'POST /admin/agencies/{code}/contact-points': { roles: [ADMIN], params: { code: 'USMS' }, body: () => ({ label: 'Matrix desk', phone: '+1 202 555 0199' }) },
  'PATCH /admin/agencies/{code}/contact-points/{id}': { roles: [ADMIN], params: { code: 'USMS', id: '00000000-0000-4000-8000-000000000000' }, body: () => ({ label: 'Matrix' }) },
  'DELETE /admin/agencies/{code}/contact-points/{id}': { roles: [ADMIN], params: { code: 'USMS', id: 'not-a-uuid' } },
};

/** The expected outcome of one cell: 401 without a token, 403 for a role the route does not admit, else the rule. */
export function expectedOutcome(route: string, spec: RouteExpectation, user: DemoUser | null, resource?: MatrixResource): Outcome | 401 {
  if (spec.roles === 'public') return 'ok';
  if (!user) return 401;
  if (spec.roles !== 'authenticated' && !spec.roles.some((r) => user.roles.includes(r))) return 403;
  if (!resource) return 'ok';
  const rule = spec.rule ?? (route.startsWith('GET ') ? READ : OWNER);
  return rule(user, relationOf(user, resource));
}

/**
 * Every read of another agency's data is audited, lists included: read-audit entries are named
 * `<entity>.read_shared` (through a share) or `<entity>.read_other_agency` (through a role or a part in the record);
 * the case's sub-resources keep `case.hits_read_shared` and `case.referrals_read_shared`.
 */
export const READ_AUDIT_ACTION = '^[a-z_]+\\.([a-z_]+_)?read_(shared|other_agency)$';

/** Whether a record holds data of an agency other than the user's (a 2xx read of it owes one read-audit entry). */
export const foreignTo = (user: DemoUser, agencies: readonly string[]): boolean => agencies.some((a) => a !== user.agency);

/**
 * The route that shows a record's contents, per kind: a user may see them when the table lets them through it, role
 * included (the desk reads hits, not cases; leadership reads cases, not seizures). Checks have no such route: the
 * agents, desk and leadership of the checker's agency and of the agencies it met list them.
 */
const READ_ROUTE: Record<Exclude<ResourceKind, 'check' | 'review'>, string> = {
  case: 'GET /cases/{id}', referral: 'GET /referrals/{id}', hit: 'GET /deconfliction/hits/{id}', lookout: 'GET /lookouts/{id}/hits',
  seizure: 'GET /seizures/{id}', trace: 'GET /traces/{id}', meeting: 'GET /meetings/{id}', actionItem: 'GET /action-items/{id}',
};

/** Whether a user may see a record's contents (its secrets must never reach anyone else). */
export function maySee(kind: ResourceKind, user: DemoUser, resource: MatrixResource): boolean {
  if (kind === 'review') return user.roles.includes(DC);
  if (kind === 'check') {
    return [CA, DC, LEAD].some((r) => user.roles.includes(r)) && (user.agency === resource.owner || resource.readers.includes(user.agency));
  }
  const route = READ_ROUTE[kind];
  return expectedOutcome(route, ACCESS_TABLE[route], user, resource) === 'ok';
}
