import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { DEMO_USERS } from '../../../../libs/auth/demo-users';
import { hashPassword, verifyPassword } from '../../../../libs/auth/password';
import type { AppConfig } from '../../../../libs/config/config';
import { UserEntity } from '../../../../libs/db/entities';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';
import { InjectConfig } from '../infra/tokens';
import { TokenResponseDto } from './dto/token.dto';

/** Verifying against this when the user is unknown keeps the response time from telling which usernames exist. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.createDemoUsers) return;
    const users = this.dataSource.getRepository(UserEntity);
    for (const demo of DEMO_USERS) {
      const existing = await users.findOne({ where: { username: demo.username } });
      if (existing && (await verifyPassword(this.config.demoPassword, existing.passwordHash))) continue;
      const passwordHash = await hashPassword(this.config.demoPassword);
      await this.dataSource.query(
        `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, phone) VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, agency_code = EXCLUDED.agency_code,
           roles = EXCLUDED.roles, full_name = EXCLUDED.full_name, phone = EXCLUDED.phone`,
        [randomUUID(), demo.username, passwordHash, demo.agency, demo.roles, demo.fullName, demo.phone],
      );
    }
    this.logger.log(`demo users ready (${DEMO_USERS.length})`);
  }

  async issueToken(username: string, password: string, ip: string): Promise<TokenResponseDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { username } });
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      await this.audit.append({
        actor: username.slice(0, 100), agency: user?.agencyCode ?? null, action: 'auth.login_failed', entityType: 'user',
        entityId: user?.id ?? null, details: { ip, reason: user ? 'wrong password' : 'unknown user' },
      });
      throw new ApiError('Unauthenticated', M.badCredentials);
    }
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, agency: user.agencyCode, roles: user.roles },
      { expiresIn: this.config.tokenTtlSeconds, jwtid: randomUUID() },
    );
    await this.audit.append({
      actor: user.username, agency: user.agencyCode, action: 'auth.login', entityType: 'user', entityId: user.id, details: { ip },
    });
    return {
      accessToken,
      expiresIn: this.config.tokenTtlSeconds,
      user: { username: user.username, agency: user.agencyCode, roles: user.roles },
    };
  }
}
