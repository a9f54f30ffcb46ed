import { uuidFrom } from '../common/deterministic-id';
import type { Role } from './roles';

export interface DemoUser { username: string; agency: string; roles: Role[]; fullName: string; phone: string }

/** The demo logins of api.md; created only outside production. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'ice.agent', agency: 'ICE', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'], fullName: 'Irene Castillo', phone: '+12025550101' },
  { username: 'atf.agent', agency: 'ATF', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'], fullName: 'Aaron T. Fields', phone: '+12025550102' },
  { username: 'cbp.officer', agency: 'CBP', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'], fullName: 'Carla B. Pena', phone: '+15205550103' },
  { username: 'dea.agent', agency: 'DEA', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'], fullName: 'Daniel E. Alvarez', phone: '+12025550104' },
  { username: 'fbi.agent', agency: 'FBI', roles: ['CASE_AGENT'], fullName: 'Frances B. Ingram', phone: '+12025550105' },
  { username: 'pgr.liaison', agency: 'PGR', roles: ['CASE_AGENT'], fullName: 'Patricia Gómez Ruiz', phone: '+525555550106' },
  { username: 'ice.sac', agency: 'ICE', roles: ['CASE_AGENT', 'MEETING_ORGANIZER'], fullName: 'Samuel A. Cruz', phone: '+12025550107' },
  { username: 'coordinator', agency: 'ICE', roles: ['DECONFLICTION_COORDINATOR'], fullName: 'Watch Desk Coordinator', phone: '+12025550108' },
  { username: 'spp.team', agency: 'ICE', roles: ['MEETING_COORDINATION'], fullName: 'SPP Coordination Team', phone: '+12025550109' },
  { username: 'leadership', agency: 'ICE', roles: ['LEADERSHIP'], fullName: 'Leadership Office', phone: '+12025550110' },
  { username: 'admin', agency: 'ICE', roles: ['ADMIN'], fullName: 'System Administrator', phone: '+12025550111' },
  // Issue 17: a second coordinator (the claim race needs two) and the watch desk's supervisor, who hands hits over.
  { username: 'atf.coordinator', agency: 'ATF', roles: ['DECONFLICTION_COORDINATOR'], fullName: 'ATF Watch Desk Coordinator', phone: '+12025550112' },
  { username: 'desk.supervisor', agency: 'ICE', roles: ['DECONFLICTION_COORDINATOR', 'DESK_SUPERVISOR'], fullName: 'Watch Desk Supervisor', phone: '+12025550113' },
];

/** A demo user's id is fixed by its name on a fresh database (an existing row keeps its id), so tests can name it. */
export const demoUserId = (username: string): string => uuidFrom(`demo-user:${username}`);
