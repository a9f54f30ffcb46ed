import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { AnonymousRefusals } from '../../../../libs/auth/anonymous-refusals';
import { AuthUser, Role } from '../../../../libs/auth/roles';
import { SessionStore } from '../../../../libs/auth/session-store';
import { TokenBuckets } from '../../../../libs/auth/token-bucket';
import type { AppConfig } from '../../../../libs/config/config';
import type { Message } from '../../../../libs/http/problem';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { InjectConfig } from '../infra/tokens';
import { AddressLimits } from './address-limits';
import { SsoBearer } from './sso-bearer';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES, SESSION_STEP_ROUTE } from './auth.decorators';
import { claimsDiffering, TokenClaims } from '../../../../libs/auth/token-claims';

export const WRITE_BUCKETS = Symbol('WRITE_BUCKETS');
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authenticates every route but the public ones: a token signed by this installation whose session (`jti`) is live;
 * who the caller is (user, agency, roles) comes from the session's user row only, and a token claiming anything else
 * is refused. Then limits each user's writes and checks roles. Refusals are audited before they are sent: with a
 * session, one entry each; without one, counted per source address and window (AnonymousRefusals), and rate-limited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly audit: AuditStore,
    private readonly sessions: SessionStore,
    private readonly anonymous: AnonymousRefusals,
    private readonly limits: AddressLimits,
    @Inject(WRITE_BUCKETS) private readonly writes: TokenBuckets,
    @InjectConfig() private readonly config: AppConfig,
    private readonly ssoBearer: SsoBearer,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = `${request.method} ${request.routeOptions?.url ?? request.url}`;
    const user = await this.authenticate(request, route);
    request.user = user;
    if (request.sessionScope && !this.reflector.getAllAndOverride<boolean>(SESSION_STEP_ROUTE, targets)) {
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'access.denied', entityType: 'route', entityId: route,
        details: { reason: 'session restricted', scope: request.sessionScope },
      });
      throw new ApiError('Forbidden', request.sessionScope === 'CHANGE_PASSWORD' ? M.mustChangePassword : M.mustEnrolSecondFactor);
    }

    // Before the role check, so a flood of refused writes is limited (and audited) like any other.
    if (WRITES.has(request.method)) await this.limitWrites(user, route, request.ip);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((role) => user.roles.includes(role))) {
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'access.denied', entityType: 'route', entityId: route,
        details: { reason: 'role', required, params: request.params ?? {} },
      });
      throw new ApiError('Forbidden', M.forbiddenRole, { roles: required.join(', ') });
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest, route: string): Promise<AuthUser> {
    const ip = request.ip;
    const claims = await this.verify(request.headers.authorization);
    // Not one of this installation's tokens: perhaps an access token of a configured OpenID provider (no session).
    const viaProvider = claims ? null : await this.ssoBearer.authenticate(request.headers.authorization, ip, route);
    if (viaProvider) return viaProvider;
    const session = claims ? await this.sessions.check(claims.jti) : { kind: 'unknown' as const };
    if (!claims || session.kind === 'unknown') {
      await this.limits.anonymousRequest(ip, route);
      await this.anonymous.count(ip, route);
      throw unauthenticated(M.unauthenticated);
    }
    const differing = claimsDiffering(claims, session.user);
    if (differing.length > 0 || session.kind !== 'live') await this.limits.anonymousRequest(ip, route);
    const { user } = session;
    if (differing.length > 0) {
      // Only a holder of the signing secret can make such a token: worth an entry per attempt (never the token).
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'auth.token_mismatch', entityType: 'user', entityId: user.userId,
        details: { claims: differing, ip, route },
      });
      throw unauthenticated(M.unauthenticated);
    }
    if (session.kind === 'disabled') {
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'access.denied', entityType: 'route', entityId: route,
        details: { reason: 'user disabled', ip },
      });
      throw unauthenticated(M.accountDisabled);
    }
    if (session.kind === 'ended') {
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'access.denied', entityType: 'route', entityId: route,
        details: { reason: 'session idle, expired or unknown', ip },
      });
      throw unauthenticated(M.sessionIdle, { seconds: Math.round(this.config.accounts.sessionIdleTimeoutMs / 1000) });
    }
    request.sessionId = session.sessionId;
    request.sessionScope = session.scope;
    return user;
  }

  /** Beyond the per-user write rate: 429 with Retry-After; audited once per window per user, not once per refusal. */
  private async limitWrites(user: AuthUser, route: string, ip: string): Promise<void> {
    const verdict = this.writes.take(user.userId);
    if (verdict.allowed) return;
    const windowSeconds = Math.round(this.writes.windowMs / 1000);
    if (this.writes.shouldReport(user.userId)) {
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'rate_limit.exceeded', entityType: 'route', entityId: route,
        details: { limit: this.writes.limit, windowSeconds, retryAfterSeconds: verdict.retryAfterSeconds, ip },
      });
    }
    throw new ApiError('TooManyRequests', M.rateLimited, {
      limit: this.writes.limit, window: windowSeconds, seconds: verdict.retryAfterSeconds,
    }, { headers: { 'retry-after': String(verdict.retryAfterSeconds) } });
  }

  /** The claims of a token this installation signed (HS256 only), else null. */
  private async verify(header: string | undefined): Promise<TokenClaims | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    try {
      return await this.jwt.verifyAsync<TokenClaims>(match[1], { algorithms: ['HS256'] });
    } catch {
      return null;
    }
  }
}

const unauthenticated = (message: Message, params: Record<string, number> = {}): ApiError =>
  new ApiError('Unauthenticated', message, params, { headers: { 'www-authenticate': 'Bearer' } });
