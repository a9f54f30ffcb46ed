import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditStore } from '../../audit/audit-store';
import { queryOne } from '../../db/sql';
import type { AuthUser, Role } from '../roles';
import { knownRoles } from '../roles';

/** Never a valid password hash: users provisioned through a provider cannot sign in with a password. */
const NO_PASSWORD = '!sso-only';

export interface SsoIdentity { issuerName: string; subject: string; agency: string; roles: Role[]; fullName?: string }

export type SsoUserOutcome = { kind: 'ok'; user: AuthUser; provisioned: boolean } | { kind: 'disabled'; user: AuthUser } | { kind: 'agency-unknown' };

interface IdentityRow { id: string; username: string; agency_code: string; roles: string[]; disabled_at: Date | null }

const sameRoles = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((r) => b.includes(r));

/**
 * The local user behind a provider's subject, provisioned on first sight with the agency and roles its claims give,
 * and kept in step with them on each later sign-in (the provider is the source of agency and roles; audited when they
 * change). A user disabled here stays refused whatever the provider says. One transaction, serialized per subject, so
 * two first requests at once provision one user.
 */
export async function ssoUser(tx: EntityManager, audit: AuditStore, identity: SsoIdentity, ip: string): Promise<SsoUserOutcome> {
  const agencyKnown = await queryOne<{ code: string }>(tx, 'SELECT code FROM agencies WHERE code = $1', [identity.agency]);
  if (!agencyKnown) return { kind: 'agency-unknown' };
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sso:${identity.issuerName}:${identity.subject}`]);
  const row = await queryOne<IdentityRow>(tx,
    `SELECT u.id, u.username, u.agency_code, u.roles, u.disabled_at FROM sso_identities i JOIN users u ON u.id = i.user_id
     WHERE i.issuer_name = $1 AND i.subject = $2`, [identity.issuerName, identity.subject]);
  const details = { ip, issuer: identity.issuerName };
  if (!row) {
    const user: AuthUser = { userId: randomUUID(), username: `${identity.issuerName}:${identity.subject}`, agency: identity.agency, roles: identity.roles };
    await tx.query(
      `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name) VALUES ($1, $2, $3, $4, $5, $6)`,
      [user.userId, user.username, NO_PASSWORD, user.agency, user.roles, identity.fullName ?? user.username],
    );
    await tx.query('INSERT INTO sso_identities (issuer_name, subject, user_id) VALUES ($1, $2, $3)', [identity.issuerName, identity.subject, user.userId]);
    await audit.append({
      actor: user.username, agency: user.agency, action: 'auth.sso_provisioned', entityType: 'user', entityId: user.userId,
      details: { ...details, roles: user.roles },
    }, tx);
    return { kind: 'ok', user, provisioned: true };
  }
  const current: AuthUser = { userId: row.id, username: row.username, agency: row.agency_code, roles: knownRoles(row.roles) };
  if (row.disabled_at !== null) return { kind: 'disabled', user: current };
  if (current.agency === identity.agency && sameRoles(row.roles, identity.roles)) return { kind: 'ok', user: current, provisioned: false };
  await tx.query('UPDATE users SET agency_code = $2, roles = $3 WHERE id = $1', [row.id, identity.agency, identity.roles]);
  await audit.append({
    actor: current.username, agency: identity.agency, action: 'auth.sso_claims_changed', entityType: 'user', entityId: row.id,
    details: { ...details, from: { agency: current.agency, roles: row.roles }, to: { agency: identity.agency, roles: identity.roles } },
  }, tx);
  return { kind: 'ok', user: { ...current, agency: identity.agency, roles: identity.roles }, provisioned: false };
}
