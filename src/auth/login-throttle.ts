import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { normalizeEmail } from '../users/email-address.js';

export interface LoginThrottleOptions {
  /** Failed sign-ins allowed for one account from one client address within the window… */
  pairFailures: number;
  pairWindowSeconds: number;
  /** …after which that pair is refused this long. */
  pairBlockSeconds: number;
  /** The backstop: failures allowed for one account from all addresses together. */
  accountFailures: number;
  accountWindowSeconds: number;
  /** Failures allowed from one client address, whatever the accounts. */
  addressFailures: number;
  addressWindowSeconds: number;
  /** How long an address an account has signed in from stays "known" to that account. */
  knownAddressSeconds: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  pairFailures: 5,
  pairWindowSeconds: 15 * 60,
  pairBlockSeconds: 15 * 60,
  accountFailures: 100,
  accountWindowSeconds: 60 * 60,
  addressFailures: 30,
  addressWindowSeconds: 15 * 60,
  knownAddressSeconds: 30 * 86_400,
};

/** 429 TOO_MANY_REQUESTS; the controller turns `retryAfterSeconds` into a Retry-After header. */
export class LoginThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'TOO_MANY_REQUESTS',
      `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
      { retryAfterSeconds },
    );
  }
}

/** One sign-in attempt that got past the limits; `succeeded()` once the password matched. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

/**
 * Limits failed sign-ins, in the `login_throttle` table so every API process shares the counts.
 * What is refused after too many failures is one account from one client address: a stranger
 * guessing the admin's password locks out only themselves, not the admin at their desk. Two
 * slower backstops stop guessing spread out over many addresses or many accounts: per account
 * (all addresses together) and per address (all accounts together). Neither applies from an
 * address the account has signed in from within the last 30 days, so the owner of an account
 * keeps getting in from where they usually do while a botnet spends the backstop elsewhere.
 *
 * A point is taken before the password is checked (so parallel guesses cannot slip past the
 * limit) and given back when the sign-in succeeds: only failures count in the end.
 *
 * The counts are read and written through the process's own database pool (the DataSource's), so
 * DATABASE_POOL_MAX caps them with everything else, and no connection waits for sign-in alone.
 */
export class LoginThrottle {
  private readonly pair: RateLimiterPostgres;
  private readonly account: RateLimiterPostgres;
  private readonly address: RateLimiterPostgres;
  private readonly known: RateLimiterPostgres;

  constructor(dataSource: DataSource, options: Partial<LoginThrottleOptions> = {}) {
    const o = { ...DEFAULT_LOGIN_THROTTLE, ...options };
    const store = {
      storeClient: dataSource,
      storeType: 'typeorm', // the library queries the DataSource's node-postgres pool
      tableName: 'login_throttle',
      tableCreated: true, // created by migration 1795760000000
    };
    this.pair = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'pair',
      points: o.pairFailures,
      duration: o.pairWindowSeconds,
      blockDuration: o.pairBlockSeconds,
    });
    this.account = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'account',
      points: o.accountFailures,
      duration: o.accountWindowSeconds,
    });
    this.address = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'address',
      points: o.addressFailures,
      duration: o.addressWindowSeconds,
    });
    this.known = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'known',
      points: Number.MAX_SAFE_INTEGER,
      duration: o.knownAddressSeconds,
    });
  }

  /**
   * Takes one point from each counter that applies; throws LoginThrottledError when one is spent
   * (the points already taken for this attempt are given back: it was not a failure).
   */
  async attempt(email: string, ip: string): Promise<LoginAttempt> {
    const account = accountKey(email);
    const pair = bounded(`${account}|${ip}`);
    const known = (await this.known.get(pair)) !== null;
    const counters: [RateLimiterPostgres, string][] = [[this.pair, pair]];
    if (!known) counters.push([this.address, ip], [this.account, account]);
    const taken: [RateLimiterPostgres, string][] = [];
    for (const [limiter, key] of counters) {
      try {
        await limiter.consume(key);
        taken.push([limiter, key]);
      } catch (error) {
        await Promise.all(taken.map(([l, k]) => l.reward(k)));
        throw refusal(error);
      }
    }
    return {
      // The pair starts afresh and becomes known; the backstops get this attempt's point back
      // (the failures of others stay counted).
      succeeded: async () => {
        await Promise.all([
          this.pair.delete(pair),
          ...taken.filter(([l]) => l !== this.pair).map(([l, k]) => l.reward(k)),
          this.known.delete(pair).then(() => this.known.penalty(pair)),
        ]);
      },
    };
  }
}

/** The account as sign-in looks it up (src/users/email-address.ts), whatever was typed. */
function accountKey(email: string): string {
  return bounded(normalizeEmail(email));
}

/** Hashed when too long for the table's varchar(255) key. */
function bounded(key: string): string {
  return key.length <= 200 ? key : createHash('sha256').update(key).digest('hex');
}

function refusal(error: unknown): unknown {
  if (!(error instanceof RateLimiterRes)) return error; // the store failed: not a refusal
  return new LoginThrottledError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
}
