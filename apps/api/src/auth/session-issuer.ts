import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hkdfSync, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { knownRoles } from '../../../../libs/auth/roles';
import { SessionScope, SessionStore } from '../../../../libs/auth/session-store';
import type { UserRecord } from '../../../../libs/auth/user.repository';
import type { AppConfig } from '../../../../libs/config/config';
import { InjectConfig } from '../infra/tokens';
import { LoginChallengeDto, TokenResponseDto } from './dto/token.dto';

const CHALLENGE_AUDIENCE = 'casecoord:second-factor';

/**
 * Opens sessions (the token names its session; see SessionStore) and issues the short-lived challenge that stands
 * between a right password and the second factor. The challenge is signed with a key derived from the token secret
 * for that purpose only and has no session row, so it is never accepted where an access token is.
 */
@Injectable()
export class SessionIssuer {
  private readonly challengeKey: Buffer;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditStore,
    private readonly sessions: SessionStore,
  ) {
    this.challengeKey = Buffer.from(hkdfSync('sha256', config.jwtSecret, '', 'casecoord second-factor challenge', 32));
  }

  /** The scope a new session of this user starts with: a pending password change first, then a missing factor. */
  scopeFor(user: UserRecord): SessionScope | null {
    if (user.mustChangePassword) return 'CHANGE_PASSWORD';
    return this.mustEnrol(user) ? 'ENROL_SECOND_FACTOR' : null;
  }

  /** A user holding a role the configuration names, without a confirmed factor. */
  mustEnrol(user: Pick<UserRecord, 'roles' | 'totpSecret'>): boolean {
    return user.totpSecret === null && user.roles.some((role) => this.config.accounts.mfaRequiredRoles.includes(role));
  }

  async open(user: UserRecord, ip: string, details: Record<string, unknown> = {}): Promise<TokenResponseDto> {
    const roles = knownRoles(user.roles);
    const scope = this.scopeFor(user);
    const jti = randomUUID();
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, agency: user.agencyCode, roles },
      { expiresIn: this.config.tokenTtlSeconds, jwtid: jti },
    );
    await this.dataSource.transaction(async (tx) => {
      await this.sessions.open(tx, jti, user.id, this.config.tokenTtlSeconds, scope, ip);
      await this.audit.append({
        actor: user.username, agency: user.agencyCode, action: 'auth.login', entityType: 'user', entityId: user.id,
        details: { ip, ...details, ...(scope ? { scope } : {}) },
      }, tx);
    });
    return {
      accessToken,
      expiresIn: this.config.tokenTtlSeconds,
      user: { username: user.username, agency: user.agencyCode, roles },
      ...(scope ? { pendingStep: scope } : {}),
    };
  }

  async challenge(user: UserRecord): Promise<LoginChallengeDto> {
    const expiresIn = this.config.accounts.mfaChallengeTtlSeconds;
    const challenge = await this.jwt.signAsync(
      { sub: user.id },
      { secret: this.challengeKey, expiresIn, audience: CHALLENGE_AUDIENCE, jwtid: randomUUID() },
    );
    return { challenge, expiresIn, next: 'SECOND_FACTOR' };
  }

  /** The user id a live challenge names, else null. */
  async challengedUser(challenge: string): Promise<string | null> {
    try {
      const claims = await this.jwt.verifyAsync<{ sub?: unknown }>(challenge, {
        secret: this.challengeKey, audience: CHALLENGE_AUDIENCE, algorithms: ['HS256'],
      });
      return typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }
}
