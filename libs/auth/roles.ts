export const ROLES = [
  'CASE_AGENT', 'REFERRAL_OFFICER', 'DECONFLICTION_COORDINATOR', 'MEETING_ORGANIZER', 'MEETING_COORDINATION',
  'LEADERSHIP', 'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

/** The identity every authorised request carries, taken from the verified token only. */
export interface AuthUser {
  userId: string;
  username: string;
  agency: string;
  roles: Role[];
}
