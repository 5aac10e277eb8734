import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { permissionsOf } from '../access/domain/permissions.js';
import { Clock } from '../common/clock.js';
import { invalidCredentials } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { normalizeEmail } from '../users/email-address.js';
import { User } from '../users/user.entity.js';
import type { AccessTokenClaims } from './authenticated-user.js';
import { toAuthenticatedUser } from './jwt-auth.guard.js';
import type { LoginResult } from './auth.view.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from '../users/password.js';

@Injectable()
export class AuthService {
  /** Compared against when the account does not exist, so timing does not reveal it. */
  private readonly decoyHash = hashPassword('decoy-password-that-never-matches');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Throws LoginThrottledError (429) before checking the password once a limit is spent. The
   * address is normalised once (src/users/email-address.ts): the throttle's key and the look-up
   * are the same string, so no spelling of an address escapes the other's count.
   */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const address = normalizeEmail(email);
    const attempt = await this.throttle.attempt(address, ip);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.agency', 'agency')
      .where('u.email = :email', { email: address })
      .getOne();
    // Passwords are hashed in NFC (user-accounts.ts): "ă" typed either way is the same.
    const ok = await verifyPassword(
      user?.passwordHash ?? (await this.decoyHash),
      password.normalize('NFC'),
    );
    const usable = user && !user.disabledAt && !(user.isDemo && this.config.isProduction);
    if (!ok || !usable) {
      throw invalidCredentials();
    }
    await attempt.succeeded();
    // Plain SQL: a query-builder update would bump `version` and make admins' edits conflict.
    await this.dataSource.query('UPDATE app_user SET last_login_at = $1 WHERE id = $2', [
      this.clock.now(),
      user.id,
    ]);
    const claims: AccessTokenClaims = { sub: user.id, role: user.role };
    const { id, name, role, agencyCode } = toAuthenticatedUser(user);
    return {
      accessToken: await this.jwt.signAsync(claims),
      user: { id, email: user.email, name, role, agencyCode, permissions: permissionsOf(role) },
    };
  }
}
