import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { unauthorized } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { User } from '../users/user.entity.js';
import type { AuthenticatedUser } from '../access/actor.js';
import type { AccessTokenClaims } from './authenticated-user.js';
import { IS_PUBLIC } from './public.decorator.js';

/**
 * Every route needs a valid bearer token unless marked @Public(). The account is re-read on
 * each request, so a disabled account (or a demo one in production) is locked out at once.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthorized();
    request.user = await accountForToken(token, this.jwt, this.dataSource, this.config);
    return true;
  }
}

/**
 * The account an access token stands for, re-read from the database: the one rule for every
 * entry that takes a token (the API's guard, the queue board). Throws 401 UNAUTHORIZED when the
 * token is invalid or expired, the account is disabled (or a demo one in production), or the
 * password changed after the token was issued.
 */
export async function accountForToken(
  token: string,
  jwt: JwtService,
  dataSource: DataSource,
  config: Pick<AppConfig, 'isProduction'>,
): Promise<AuthenticatedUser> {
  let claims: AccessTokenClaims & { iat?: number };
  try {
    claims = await jwt.verifyAsync<AccessTokenClaims & { iat?: number }>(token);
  } catch {
    throw unauthorized('Phiên đăng nhập không hợp lệ hoặc đã hết hạn.');
  }
  // One indexed lookup in plain SQL: it runs on every call of the API.
  const [row] = (await dataSource.query(
    `SELECT u.id, u.email, u.name, u.role, u.agency_id, u.disabled_at, u.is_demo, u.password_changed_at,
            a.code AS agency_code
       FROM app_user u LEFT JOIN agency a ON a.id = u.agency_id WHERE u.id = $1`,
    [claims.sub],
  )) as AccountRow[];
  if (!row || row.disabled_at || (row.is_demo && config.isProduction)) {
    throw unauthorized('Tài khoản không còn hiệu lực.');
  }
  // `iat` is in whole seconds: a token of the very second of the change is still accepted.
  if (
    row.password_changed_at &&
    (claims.iat ?? 0) < Math.floor(row.password_changed_at.getTime() / 1000)
  ) {
    throw unauthorized('Mật khẩu đã được đổi: vui lòng đăng nhập lại.');
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    agencyId: row.agency_id,
    agencyCode: row.agency_code,
  };
}

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: AuthenticatedUser['role'];
  agency_id: string | null;
  agency_code: string | null;
  disabled_at: Date | null;
  is_demo: boolean;
  password_changed_at: Date | null;
}

export function toAuthenticatedUser(user: User): AuthenticatedUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agencyId: user.agencyId,
    agencyCode: user.agency?.code ?? null,
  };
}
