import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { AccessTokenRefused } from '../../../../libs/auth/oidc/oidc-issuer';
import { readSsoClaims } from '../../../../libs/auth/oidc/sso-claims-rules';
import { ssoUser } from '../../../../libs/auth/oidc/sso-users';
import type { AuthUser } from '../../../../libs/auth/roles';
import { ApiError } from '../common/api-error';
import { AddressLimits } from './address-limits';
import { SsoIssuers } from './sso-issuers';
import { accessTokenFaultMessage, claimsRefusalReason, FORBIDDEN_REASONS, SSO_M, SsoRefusalReason } from './sso-messages';

/** The `iss` of a compact JWS, read without trusting it: it only picks which provider's keys verify the token. */
function unverifiedIssuer(token: string): unknown {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return undefined;
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss;
  } catch {
    return undefined;
  }
}

/**
 * API clients holding a provider's access token: accepted when a configured provider signed it (a key it publishes,
 * rotation followed) for this API's audience, unexpired, for an agency that provider may speak for, with roles this
 * release knows, and for a user not disabled here. The user is provisioned on first sight like at console sign-in.
 * Each refusal is audited and answered with its reason (401 for the token, 403 for what it claims).
 */
@Injectable()
export class SsoBearer {
  constructor(
    private readonly issuers: SsoIssuers,
    private readonly dataSource: DataSource,
    private readonly audit: AuditStore,
    private readonly limits: AddressLimits,
  ) {}

  /** The caller, if the token names a configured provider; null when it is none of theirs (the caller answers 401). */
  async authenticate(header: string | undefined, ip: string, route: string): Promise<AuthUser | null> {
    if (!this.issuers.enabled) return null;
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    const issuer = token === undefined ? undefined : this.issuers.forIssuerClaim(unverifiedIssuer(token));
    if (!token || !issuer) return null;
    const name = issuer.settings.name;
    let claims: Record<string, unknown>;
    try {
      claims = await issuer.verifyAccessToken(token);
    } catch (error) {
      const fault = error instanceof AccessTokenRefused ? error.fault : 'invalid';
      // An unverified token is anyone's: limited per address like other anonymous refusals before it is audited.
      await this.limits.anonymousRequest(ip, route);
      await this.refused(`sso:${name}`, null, { ip, route, issuer: name, reason: fault });
      if (fault === 'provider-unreachable') throw new ApiError('Unavailable', SSO_M.providerUnreachable, { issuer: name });
      throw new ApiError('Unauthenticated', accessTokenFaultMessage(fault), {}, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
    }
    const actor = `${name}:${String(claims.sub)}`;
    const verdict = readSsoClaims(issuer.settings, claims);
    if (!verdict.ok) {
      const { reason, params } = claimsRefusalReason(verdict.refusal);
      return this.refuse(reason, { ...params, issuer: name }, actor, null, { ip, route, issuer: name });
    }
    const outcome = await this.dataSource.transaction((tx) => ssoUser(tx, this.audit, {
      issuerName: name, subject: verdict.subject, agency: verdict.agency, roles: verdict.roles,
    }, ip));
    if (outcome.kind === 'agency-unknown') return this.refuse('agencyUnknown', { agency: verdict.agency }, actor, null, { ip, route, issuer: name });
    if (outcome.kind === 'disabled') return this.refuse('userDisabled', {}, outcome.user.username, outcome.user, { ip, route, issuer: name });
    return outcome.user;
  }

  private async refuse(
    reason: SsoRefusalReason, params: Record<string, string>, actor: string, user: AuthUser | null, details: Record<string, string>,
  ): Promise<never> {
    await this.refused(actor, user, { ...details, ...params, reason });
    throw new ApiError(FORBIDDEN_REASONS.includes(reason) ? 'Forbidden' : 'Unauthenticated', SSO_M[reason], params);
  }

  /** A claimed agency stays in the details: the entry's agency is only ever one this installation vouches for. */
  private async refused(actor: string, user: AuthUser | null, details: Record<string, string>): Promise<void> {
    await this.audit.append({
      actor, agency: user?.agency ?? null, action: 'auth.sso_refused', entityType: 'user', entityId: user?.userId ?? null,
      details,
    });
  }
}
