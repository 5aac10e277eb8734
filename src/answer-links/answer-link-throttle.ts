import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';

export interface AnswerLinkThrottleOptions {
  /** Requests to the answer pages from one client address within the window, whatever the link. */
  addressRequests: number;
  /** Requests through one (genuine) link within the window, whatever the address. */
  linkRequests: number;
  windowSeconds: number;
}

export const DEFAULT_ANSWER_LINK_THROTTLE: AnswerLinkThrottleOptions = {
  addressRequests: 60,
  linkRequests: 30,
  windowSeconds: 10 * 60,
};

/**
 * Limits the public answer pages per client address and per link, in the `login_throttle` table
 * (as sign-in's limits) so every API process shares the counts. A forged token counts against
 * its address only: a stranger cannot spend a genuine link's allowance without its signature.
 * Through the process's own database pool, as sign-in's (LoginThrottle).
 */
export class AnswerLinkThrottle {
  private readonly address: RateLimiterPostgres;
  private readonly link: RateLimiterPostgres;

  constructor(dataSource: DataSource, options: Partial<AnswerLinkThrottleOptions> = {}) {
    const o = { ...DEFAULT_ANSWER_LINK_THROTTLE, ...options };
    const store = {
      storeClient: dataSource,
      storeType: 'typeorm',
      tableName: 'login_throttle',
      tableCreated: true,
      duration: o.windowSeconds,
    };
    this.address = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'answer-address',
      points: o.addressRequests,
    });
    this.link = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'answer-link',
      points: o.linkRequests,
    });
  }

  /** Takes a point from the address (and the link); the seconds to wait when one is spent. */
  async take(ip: string, linkId: string | null): Promise<number | null> {
    try {
      await this.address.consume(ip.slice(0, 200));
      if (linkId) await this.link.consume(linkId);
      return null;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    }
  }
}
