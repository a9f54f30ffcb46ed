import type { SsoIssuerConfig } from '../../config/sso-config';
import { ROLES, type Role } from '../roles';

/** Why a provider's claims are refused; each maps to its own bilingual problem and audit reason. */
export type SsoClaimsRefusal =
  | { kind: 'subject-missing' }
  | { kind: 'agency-missing'; claim: string }
  | { kind: 'agency-not-allowed'; agency: string }
  | { kind: 'roles-missing'; claim: string }
  | { kind: 'role-unknown'; role: string };

export type SsoClaimsVerdict = { ok: true; subject: string; agency: string; roles: Role[] } | { ok: false; refusal: SsoClaimsRefusal };

const refuse = (refusal: SsoClaimsRefusal): SsoClaimsVerdict => ({ ok: false, refusal });

/** A claim holding one string, a list of strings, or a space-separated string (as some providers send roles). */
function strings(value: unknown): string[] | null {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return null;
}

/**
 * What a provider's verified claims allow: the agency must be one this issuer may speak for and every role one this
 * release knows. A single unknown role refuses the whole token: granting the rest would quietly change what the
 * provider meant, and a role of a newer release must not be half-understood.
 */
export function readSsoClaims(issuer: Pick<SsoIssuerConfig, 'agencyClaim' | 'rolesClaim' | 'agencies'>, claims: Record<string, unknown>): SsoClaimsVerdict {
  if (typeof claims.sub !== 'string' || claims.sub === '') return refuse({ kind: 'subject-missing' });
  const agency = claims[issuer.agencyClaim];
  if (typeof agency !== 'string' || agency.trim() === '') return refuse({ kind: 'agency-missing', claim: issuer.agencyClaim });
  if (!issuer.agencies.includes(agency)) return refuse({ kind: 'agency-not-allowed', agency });
  const roles = strings(claims[issuer.rolesClaim]);
  if (roles === null || roles.length === 0) return refuse({ kind: 'roles-missing', claim: issuer.rolesClaim });
  const unknown = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown !== undefined) return refuse({ kind: 'role-unknown', role: unknown });
  return { ok: true, subject: claims.sub, agency, roles: [...new Set(roles)] as Role[] };
}
