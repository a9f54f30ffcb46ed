import type { AuthUser } from './roles';

/** What a token says; none of it is trusted beyond finding the session (`jti`). */
export interface TokenClaims { sub?: unknown; username?: unknown; agency?: unknown; roles?: unknown; jti?: unknown }

const sameRoles = (claimed: unknown, roles: readonly string[]): boolean =>
  Array.isArray(claimed) && claimed.length === roles.length && claimed.every((r) => typeof r === 'string' && roles.includes(r))
  && new Set(claimed).size === claimed.length;

/** The names of the claims that differ from the session's user (empty when the token tells the truth). */
export function claimsDiffering(claims: TokenClaims, user: AuthUser): string[] {
  const differing: string[] = [];
  if (claims.sub !== user.userId) differing.push('sub');
  if (claims.username !== user.username) differing.push('username');
  if (claims.agency !== user.agency) differing.push('agency');
  if (!sameRoles(claims.roles, user.roles)) differing.push('roles');
  return differing;
}
