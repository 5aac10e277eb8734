import { createHash } from 'node:crypto';
import type { OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/domain-error.js';

export interface LoginThrottleOptions {
  /** Failed sign-ins allowed per account (lower-cased e-mail) within `accountWindowSeconds`. */
  accountFailures: number;
  accountWindowSeconds: number;
  /** How long an account stays refused once it is over its limit. */
  accountBlockSeconds: number;
  /** Failed sign-ins allowed per client address within `addressWindowSeconds`. */
  addressFailures: number;
  addressWindowSeconds: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  accountFailures: 5,
  accountWindowSeconds: 15 * 60,
  accountBlockSeconds: 15 * 60,
  addressFailures: 30,
  addressWindowSeconds: 15 * 60,
};

/** 429 TOO_MANY_REQUESTS; the controller turns `retryAfterSeconds` into a Retry-After header. */
export class LoginThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'TOO_MANY_REQUESTS',
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
      { retryAfterSeconds },
    );
  }
}

/**
 * Limits failed sign-ins per account and per client address, in the `login_throttle` table so
 * every API process shares the counts. A point is taken before the password is checked (so
 * parallel guesses cannot slip past the limit) and given back when the sign-in succeeds: only
 * failures count in the end.
 */
export class LoginThrottle implements OnApplicationShutdown {
  private readonly pool: pg.Pool;
  private readonly account: RateLimiterPostgres;
  private readonly address: RateLimiterPostgres;

  constructor(databaseUrl: string, options: Partial<LoginThrottleOptions> = {}) {
    const o = { ...DEFAULT_LOGIN_THROTTLE, ...options };
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 4,
      connectionTimeoutMillis: 5000,
      application_name: 'de-an-06-login-throttle',
    });
    const store = {
      storeClient: this.pool,
      storeType: 'pool', // node-postgres Pool: the library queries it directly
      tableName: 'login_throttle',
      tableCreated: true, // created by migration 1795760000000
    };
    this.account = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'account',
      points: o.accountFailures,
      duration: o.accountWindowSeconds,
      blockDuration: o.accountBlockSeconds,
    });
    this.address = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'address',
      points: o.addressFailures,
      duration: o.addressWindowSeconds,
    });
  }

  /** Takes one point from both counters; throws LoginThrottledError when either is spent. */
  async attempt(email: string, ip: string): Promise<void> {
    try {
      await this.address.consume(ip);
    } catch (error) {
      throw refusal(error);
    }
    try {
      await this.account.consume(accountKey(email));
    } catch (error) {
      // The password is not checked, so this attempt is not a failure of the address.
      await this.address.reward(ip);
      throw refusal(error);
    }
  }

  /** A successful sign-in: the account starts afresh and the address gets its point back. */
  async succeeded(email: string, ip: string): Promise<void> {
    await Promise.all([this.account.delete(accountKey(email)), this.address.reward(ip)]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** The lower-cased e-mail; hashed when too long for the table's varchar(255) key. */
function accountKey(email: string): string {
  const key = email.normalize('NFC').trim().toLowerCase();
  return key.length <= 200 ? key : createHash('sha256').update(key).digest('hex');
}

function refusal(error: unknown): unknown {
  if (!(error instanceof RateLimiterRes)) return error; // the store failed: not a refusal
  return new LoginThrottledError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
}
