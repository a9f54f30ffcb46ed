import type { AuthUser, Role } from '../../../../libs/auth/roles';

/** Roles that see every agency's meetings and action items; organizers and agents see their own agency's. */
export const ALL_AGENCY_ROLES: Role[] = ['MEETING_COORDINATION', 'LEADERSHIP'];

/** The agency whose meetings and items the user reaches, or null for every agency's. */
export const scopeOf = (user: AuthUser): string | null => (user.roles.some((r) => ALL_AGENCY_ROLES.includes(r)) ? null : user.agency);
