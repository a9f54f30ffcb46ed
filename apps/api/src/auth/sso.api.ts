import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { readSsoClaims } from '../../../../libs/auth/oidc/sso-claims-rules';
import { SsoLoginsRepository, SsoRefusalRecord } from '../../../../libs/auth/oidc/sso-logins.repository';
import { ssoUser } from '../../../../libs/auth/oidc/sso-users';
import type { AuthUser } from '../../../../libs/auth/roles';
import { UserRepository } from '../../../../libs/auth/user.repository';
import type { Message } from '../../../../libs/http/problem';
import { ApiError } from '../common/api-error';
import { SsoIssuerDto, SsoSessionResponseDto } from './dto/sso.dto';
import { SessionIssuer } from './session-issuer';
import { SsoIssuers } from './sso-issuers';
import { claimsRefusalReason, FORBIDDEN_REASONS, SSO_M, SsoRefusalReason } from './sso-messages';

const secret = (): string => randomBytes(32).toString('base64url');
const REFUSALS: Record<string, Message> = SSO_M;

/** Only same-site console paths are returned to after sign-in, never an address another site put in the link. */
export const safeReturnTo = (next: unknown): string =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') && next.length <= 500 ? next : '/';

/**
 * The console's sign-in through an agency's provider: start (a redirect with state, nonce and PKCE), callback (the code
 * exchanged, claims checked, the user provisioned or loaded), then a one-time hand-over code the console trades for a
 * session of this installation, like a password sign-in's. Tokens never travel in a URL. Every refusal is audited.
 */
@Injectable()
export class SsoApi {
  private readonly logger = new Logger('sso');
  private readonly logins = new SsoLoginsRepository();
  private readonly users = new UserRepository();

  constructor(
    private readonly issuers: SsoIssuers,
    private readonly dataSource: DataSource,
    private readonly audit: AuditStore,
    private readonly sessionIssuer: SessionIssuer,
  ) {}

  list(): SsoIssuerDto[] {
    return this.issuers.list().map((issuer) => ({ name: issuer.settings.name, label: issuer.settings.label }));
  }

  /** The provider's authorization URL for a new sign-in. */
  async start(name: string, next: unknown): Promise<string> {
    const issuer = this.issuers.named(name);
    if (!issuer) throw new ApiError('NotFound', SSO_M.issuerUnknown, { name });
    const checks = { state: secret(), nonce: secret(), codeVerifier: secret() };
    let url: URL;
    try {
      url = await issuer.authorizationUrl(checks);
    } catch (error) {
      this.logger.warn(`discovery of ${name} failed: ${(error as Error).message}`);
      throw new ApiError('Unavailable', SSO_M.providerUnreachable, { issuer: name });
    }
    await this.logins.open(this.dataSource, checks.state, {
      issuerName: name, codeVerifier: checks.codeVerifier, nonce: checks.nonce, returnTo: safeReturnTo(next),
    }, this.issuers.config.loginTtlMs);
    return url.toString();
  }

  /** Finishes the provider's redirect; answers the console page that hands the outcome over. */
  async callback(query: Record<string, unknown>, ip: string): Promise<string> {
    const state = typeof query.state === 'string' ? query.state : '';
    const pending = state === '' ? undefined : await this.logins.claim(this.dataSource, state);
    const issuer = pending && this.issuers.named(pending.issuerName);
    if (!pending || !issuer) throw new ApiError('ValidationFailed', SSO_M.loginUnknown);
    const handoff = secret();
    const refuse = async (reason: SsoRefusalReason, params: Record<string, string>, user?: AuthUser, detail?: string) => {
      await this.audit.append({
        actor: user?.username ?? `sso:${issuer.settings.name}`, agency: user?.agency ?? null, action: 'auth.sso_refused',
        entityType: 'user', entityId: user?.userId ?? null, details: { ip, issuer: issuer.settings.name, reason, ...params, ...(detail ? { detail } : {}) },
      });
      await this.logins.finish(this.dataSource, state, handoff, { refusal: { reason, params } });
      return `/login/sso?handoff=${handoff}`;
    };
    const callbackUrl = new URL(this.issuers.config.redirectUrl);
    for (const [key, value] of Object.entries(query)) if (typeof value === 'string') callbackUrl.searchParams.set(key, value);
    let claims: Record<string, unknown>;
    try {
      claims = await issuer.exchange(callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
    } catch (error) {
      const { message, error: code, error_description: description } = error as Error & { error?: string; error_description?: string };
      const detail = [message, code, description].filter(Boolean).join(': ').slice(0, 300);
      this.logger.warn(`sign-in through ${issuer.settings.name} not completed: ${detail}`);
      return refuse('providerRefused', {}, undefined, detail);
    }
    const verdict = readSsoClaims(issuer.settings, claims);
    if (!verdict.ok) {
      const { reason, params } = claimsRefusalReason(verdict.refusal);
      return refuse(reason, { ...params, issuer: issuer.settings.name });
    }
    const fullName = typeof claims.name === 'string' ? claims.name.slice(0, 200) : undefined;
    const outcome = await this.dataSource.transaction((tx) => ssoUser(tx, this.audit, {
      issuerName: issuer.settings.name, subject: verdict.subject, agency: verdict.agency, roles: verdict.roles, fullName,
    }, ip));
    if (outcome.kind === 'agency-unknown') return refuse('agencyUnknown', { agency: verdict.agency });
    if (outcome.kind === 'disabled') return refuse('userDisabled', {}, outcome.user);
    await this.logins.finish(this.dataSource, state, handoff, { userId: outcome.user.userId });
    return `/login/sso?handoff=${handoff}`;
  }

  /** Trades a hand-over code (once) for a session of this installation, or the refusal the callback recorded. */
  async session(handoff: string, ip: string): Promise<SsoSessionResponseDto> {
    const finished = await this.logins.take(this.dataSource, handoff);
    if (!finished) throw new ApiError('Unauthenticated', SSO_M.loginUnknown);
    if (finished.refusal || !finished.userId) throw refusalError(finished.refusal);
    const user = await this.users.findById(this.dataSource, finished.userId);
    if (!user || user.disabledAt !== null) throw new ApiError('Forbidden', SSO_M.userDisabled);
    // The same session as a password sign-in's: its scope (a required factor not yet enrolled), idle timeout and audit.
    const token = await this.sessionIssuer.open(user, ip, { via: 'sso', issuer: finished.issuerName });
    return { ...token, returnTo: finished.returnTo };
  }
}

function refusalError(refusal: SsoRefusalRecord | null): ApiError {
  const reason = (refusal?.reason ?? 'providerRefused') as SsoRefusalReason;
  const message = REFUSALS[reason] ?? SSO_M.providerRefused;
  return new ApiError(FORBIDDEN_REASONS.includes(reason) ? 'Forbidden' : 'Unauthenticated', message, refusal?.params ?? {});
}
