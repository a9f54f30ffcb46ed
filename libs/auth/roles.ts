export const ROLES = [
  'CASE_AGENT', 'REFERRAL_OFFICER', 'DECONFLICTION_COORDINATOR', 'MEETING_ORGANIZER', 'MEETING_COORDINATION',
  'LEADERSHIP', 'ADMIN',
  // Hands a claimed hit to another coordinator, or takes a claim back, without holding it (issue 17).
  'DESK_SUPERVISOR',
] as const;
export type Role = (typeof ROLES)[number];

/** The identity every authorised request carries, read from its session's user row (never from the token's claims). */
export interface AuthUser {
  userId: string;
  username: string;
  agency: string;
  roles: Role[];
}

/** The roles of a user row this code knows (a role added by a newer release is ignored, never trusted). */
export const knownRoles = (roles: readonly string[]): Role[] =>
  roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
