import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { AuthUser, Role, ROLES } from '../../../../libs/auth/roles';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';

interface TokenClaims { sub: string; username: string; agency: string; roles: string[] }

/** Authenticates every route but the public ones, then checks roles; every refusal is audited before it is sent. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly jwt: JwtService, private readonly audit: AuditStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = `${request.method} ${request.routeOptions?.url ?? request.url}`;

    const user = await this.authenticate(request.headers.authorization);
    if (!user) {
      await this.audit.append({
        actor: 'anonymous', agency: null, action: 'access.denied', entityType: 'route', entityId: route,
        details: { reason: 'unauthenticated', ip: request.ip },
      });
      throw new ApiError('Unauthenticated', M.unauthenticated, {}, { headers: { 'www-authenticate': 'Bearer' } });
    }
    request.user = user;

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

  private async authenticate(header: string | undefined): Promise<AuthUser | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(match[1], { algorithms: ['HS256'] });
      const roles = (claims.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
      if (!claims.sub || !claims.username || !claims.agency) return null;
      return { userId: claims.sub, username: claims.username, agency: claims.agency, roles };
    } catch {
      return null;
    }
  }
}
