import type { MatrixResource, ResourceKind } from './matrix-fixtures';

/**
 * The access policy of every route, written from api.md and the README (not read from the code): who the role check
 * lets through, and what each of them gets for their own agency's record, one shared with them, and another agency's.
 * A new route without an entry here fails access-matrix.spec.ts.
 */
export type Role = 'CASE_AGENT' | 'REFERRAL_OFFICER' | 'DECONFLICTION_COORDINATOR' | 'MEETING_ORGANIZER' | 'MEETING_COORDINATION' | 'LEADERSHIP' | 'ADMIN';
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
/** Meetings and action items: the coordination team and leadership see every agency's, others their own. */
const MEETING_READ: Rule = (u, rel) => (allAgencies(u) || rel === 'own' ? 'ok' : 404);
const ITEM_CLOSE: Rule = (u, rel) => (u.roles.includes('MEETING_COORDINATION') || rel === 'own' ? 'ok' : 404);

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
  stream?: boolean;
}

const CA: Role = 'CASE_AGENT';
const RO: Role = 'REFERRAL_OFFICER';
const DC: Role = 'DECONFLICTION_COORDINATOR';
const MO: Role = 'MEETING_ORGANIZER';
const MC: Role = 'MEETING_COORDINATION';
const LEAD: Role = 'LEADERSHIP';
const ADMIN: Role = 'ADMIN';
const MEETING_READERS = [MO, CA, MC, LEAD];
const past = () => new Date(Date.now() - 3_600_000).toISOString();

export const ACCESS_TABLE: Record<string, RouteExpectation> = {
  'GET /health': { roles: 'public' },
  'POST /auth/token': { roles: 'public', body: () => ({ username: 'nobody-matrix', password: 'x' }) },

  'POST /cases': { roles: [CA], body: () => ({ title: 'matrix probe', category: 'OTHER' }) },
  'GET /cases': { roles: [CA, LEAD] },
  'GET /cases/{id}': { roles: [CA, LEAD], resource: 'case' },
  'POST /cases/{id}/subjects': { roles: [CA], resource: 'case', body: () => ({ subjects: [{ kind: 'PERSON', fullName: 'Matrix Probe' }] }) },
  'POST /cases/{id}/identifiers': { roles: [CA], resource: 'case', body: () => ({ identifiers: [{ type: 'EMAIL', value: 'matrix-probe@example.org' }] }) },
  'POST /cases/{id}/firearms': { roles: [CA], resource: 'case', body: () => ({ firearms: [{ serialNumber: 'MXPROBE0001' }] }) },
  'POST /cases/{id}/operations': {
    roles: [CA], resource: 'case',
    body: () => ({ operations: [{ type: 'ARREST', latitude: 1, longitude: 1, startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-01T01:00:00Z' }] }),
  },
  'POST /cases/{id}/close': { roles: [CA], resource: 'case', body: () => ({ outcome: 'matrix probe' }) },
  'POST /cases/{id}/shares': { roles: [CA], resource: 'case', body: () => ({ agency: 'USMS', reason: 'matrix probe' }) },
  'DELETE /cases/{id}/shares/{agency}': { roles: [CA], resource: 'case', params: { agency: 'USMS' }, noBody: true },
  'GET /cases/{id}/hits': { roles: [CA, LEAD], resource: 'case' },
  'GET /cases/{id}/referrals': { roles: [CA, LEAD], resource: 'case' },

  // The watch desk is joint: coordinators work every agency's hits.
  'GET /deconfliction/hits': { roles: [DC] },
  'GET /deconfliction/hits/{id}': { roles: [DC], resource: 'hit', rule: ANY },
  'POST /deconfliction/hits/{id}/resolve': { roles: [DC], resource: 'hit', rule: ANY, body: () => ({ resolution: 'NO_CONFLICT', note: 'matrix probe' }) },
  'POST /deconfliction/checks': { roles: [CA], body: () => ({ identifiers: [{ type: 'EMAIL', value: 'matrix-probe@example.org' }] }) },
  'POST /lookouts': { roles: [CA], body: () => ({ type: 'EMAIL', value: 'matrix-probe@example.org', note: 'matrix probe' }) },
  'GET /lookouts': { roles: [CA] },
  'GET /lookouts/{id}/hits': { roles: [CA], resource: 'lookout', rule: OWN_ONLY },

  'GET /referrals': { roles: [RO] },
  'GET /referrals/{id}': { roles: [RO, CA], resource: 'referral', rule: READ },
  'POST /referrals/{id}/acknowledge': { roles: [RO], resource: 'referral', rule: OWN_ONLY, noBody: true },
  'POST /referrals/{id}/accept': { roles: [RO], resource: 'referral', rule: OWN_ONLY, body: () => ({ note: 'matrix probe' }) },
  'POST /referrals/{id}/decline': { roles: [RO], resource: 'referral', rule: OWN_ONLY, body: () => ({ reason: 'matrix probe' }) },

  'POST /meetings': {
    roles: [MO, CA],
    body: () => ({ title: 'matrix probe', counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'WORKING', scheduledAt: '2400-01-01T00:00:00Z' }),
  },
  'GET /meetings': { roles: MEETING_READERS },
  'GET /meetings/compliance': { roles: [LEAD], query: '?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z' },
  'GET /meetings/{id}': { roles: MEETING_READERS, resource: 'meeting', rule: MEETING_READ },
  'POST /meetings/{id}/notification': { roles: [MO, CA], resource: 'meeting', rule: OWN_ONLY, noBody: true },
  'POST /meetings/{id}/outcome': { roles: [MO, CA], resource: 'meeting', rule: OWN_ONLY, body: () => ({ heldAt: past(), summary: 'matrix probe' }) },
  'POST /meetings/{id}/report-request': { roles: [MC], resource: 'meeting', rule: ANY, body: () => ({}) },
  'POST /meetings/{id}/report': { roles: [MO, CA], resource: 'meeting', rule: OWN_ONLY, body: () => ({ body: 'matrix probe' }) },
  'POST /meetings/{id}/report/review': { roles: [MC, LEAD], resource: 'meeting', rule: ANY, body: () => ({ decision: 'ACCEPT', comment: 'matrix probe' }) },
  'GET /action-items': { roles: MEETING_READERS },
  'POST /action-items': { roles: [MC, MO], body: () => ({ conference: 'c', description: 'matrix probe', owner: 'o', dueAt: '2400-01-01T00:00:00Z' }) },
  'GET /action-items/{id}': { roles: MEETING_READERS, resource: 'actionItem', rule: MEETING_READ },
  'POST /action-items/{id}/close': { roles: [MO, CA, MC], resource: 'actionItem', rule: ITEM_CLOSE, body: () => ({ note: 'matrix probe' }) },

  'POST /seizures': { roles: [CA], body: () => ({ seizedAt: '2026-01-01T00:00:00Z', firearms: [{ serialNumber: 'MXPROBE0002' }] }) },
  'GET /seizures': { roles: [CA] },
  'GET /seizures/{id}': { roles: [CA], resource: 'seizure' },
  'PATCH /seizures/{id}': { roles: [CA], resource: 'seizure', body: () => ({ circumstances: 'matrix probe' }) },
  'POST /seizures/{id}/share': { roles: [CA], resource: 'seizure', body: () => ({ agencies: ['PGR'] }) },
  'GET /seizures/{id}/hits': { roles: [CA], resource: 'seizure', rule: OWNER },
  // A sharing agency may ask for a trace of a seizure it reads.
  'POST /seizures/{id}/traces': { roles: [CA], resource: 'seizure', rule: READ, body: (r) => ({ serialNumber: r?.extra?.serial, priority: 'ROUTINE' }) },
  'GET /traces': { roles: [CA] },
  'GET /traces/{id}': { roles: [CA], resource: 'trace' },
  'POST /traces/{id}/start': { roles: [CA], resource: 'trace', noBody: true },
  'POST /traces/{id}/result': { roles: [CA], resource: 'trace', body: () => ({ status: 'UNSUCCESSFUL', reason: 'matrix probe' }) },
  'GET /stats': { roles: [LEAD], query: '?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&groupBy=agency' },

  'GET /notifications': { roles: 'authenticated' },
  'GET /notifications/stream': { roles: 'authenticated', stream: true },
  'GET /audit': { roles: [LEAD, ADMIN] },
  'GET /audit/verify': { roles: [LEAD, ADMIN] },
  // Temporal codec server (issue 22, item 11): decrypts any agency's workflow payloads, so the admin only.
  'POST /codec/decode': { roles: [ADMIN] },
  'POST /codec/encode': { roles: [ADMIN] },
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

/** Whether a user may see a record's contents (its secrets must never reach anyone else). */
export function maySee(kind: ResourceKind, user: DemoUser, resource: MatrixResource): boolean {
  const rel = relationOf(user, resource);
  if (kind === 'meeting' || kind === 'actionItem') return rel === 'own' || allAgencies(user);
  if (kind === 'lookout') return rel === 'own';
  return rel !== 'other';
}
