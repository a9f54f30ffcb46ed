import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { AuthUser, Role, ROLES } from '../../../../libs/auth/roles';
import { SessionStore } from '../../../../libs/auth/session-store';
import { TokenBuckets } from '../../../../libs/auth/token-bucket';
import type { AppConfig } from '../../../../libs/config/config';
import type { Message } from '../../../../libs/http/problem';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { InjectConfig } from '../infra/tokens';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';

interface TokenClaims { sub: string; username: string; agency: string; roles: string[]; jti?: string }

export const WRITE_BUCKETS = Symbol('WRITE_BUCKETS');
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Authentication = { user: AuthUser; jti?: string } | null;

/**
 * Authenticates every route but the public ones (a valid token of a live, recently active session), limits each
 * user's writes, then checks roles; every refusal is audited before it is sent.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly audit: AuditStore,
    private readonly sessions: SessionStore,
    @Inject(WRITE_BUCKETS) private readonly writes: TokenBuckets,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = `${request.method} ${request.routeOptions?.url ?? request.url}`;

    const authenticated = await this.authenticate(request.headers.authorization);
    if (!authenticated) {
      await this.audit.append({
        actor: 'anonymous', agency: null, action: 'access.denied', entityType: 'route', entityId: route,
        details: { reason: 'unauthenticated', ip: request.ip },
      });
      throw unauthenticated(M.unauthenticated);
    }
    const { user } = authenticated;
    if (!(await this.sessions.touch(authenticated.jti))) {
      await this.audit.append({
        actor: user.username, agency: user.agency, action: 'access.denied', entityType: 'route', entityId: route,
        details: { reason: 'session idle, expired or unknown', ip: request.ip },
      });
      throw unauthenticated(M.sessionIdle, { seconds: Math.round(this.config.accounts.sessionIdleTimeoutMs / 1000) });
    }
    request.user = user;
    request.sessionId = authenticated.jti;

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

  private async authenticate(header: string | undefined): Promise<Authentication> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(match[1], { algorithms: ['HS256'] });
      const roles = (claims.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
      if (!claims.sub || !claims.username || !claims.agency) return null;
      return { user: { userId: claims.sub, username: claims.username, agency: claims.agency, roles }, jti: claims.jti };
    } catch {
      return null;
    }
  }
}

const unauthenticated = (message: Message, params: Record<string, number> = {}): ApiError =>
  new ApiError('Unauthenticated', message, params, { headers: { 'www-authenticate': 'Bearer' } });
