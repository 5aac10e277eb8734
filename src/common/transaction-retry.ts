import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { conflict } from './domain-error.js';

/** PostgreSQL's answers that mean "this transaction lost a race; running it again may succeed". */
const RETRYABLE_SQLSTATES = new Set([
  '40P01', // deadlock_detected
  '40001', // serialization_failure
]);

export interface TransactionOptions {
  /** Further attempts after the first one fails on a deadlock or serialization failure. */
  retries?: number;
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
}

const DEFAULT_RETRIES = 4;
const BASE_DELAY_MS = 20;
const MAX_DELAY_MS = 400;

const logger = new Logger('Transaction');

/**
 * Runs `work` in a transaction and runs it again, a bounded number of times with a small
 * jittered pause, when PostgreSQL aborts it as a deadlock victim or a serialization failure
 * (40P01, 40001); after the last attempt the caller gets 409 CONFLICT, never a 500. Every
 * write transaction goes through here.
 *
 * `work` may run more than once, so everything it does must be inside the transaction (it is
 * rolled back with it): enqueue jobs, send mail and call other services after this resolves.
 * Other errors (DomainErrors included) are not retried.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (m: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const retries = Math.max(0, options.retries ?? DEFAULT_RETRIES);
  for (let attempt = 0; ; attempt++) {
    try {
      return options.isolation
        ? await dataSource.transaction(options.isolation, work)
        : await dataSource.transaction(work);
    } catch (error) {
      const sqlState = retryableSqlState(error);
      if (sqlState === undefined) throw error;
      if (attempt >= retries) {
        logger.warn(`Gave up after ${attempt + 1} attempts (SQLSTATE ${sqlState})`);
        throw conflict(
          'Nhiều thao tác đang cập nhật cùng dữ liệu này nên thao tác của bạn chưa thực hiện được. Vui lòng thử lại.',
          { reason: 'TRANSACTION_CONFLICT', sqlState, attempts: attempt + 1 },
        );
      }
      await pause(backoffMs(attempt));
    }
  }
}

/** The SQLSTATE of a retryable failure (TypeORM's QueryFailedError keeps the driver's), or undefined. */
export function retryableSqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code) ? code : undefined;
}

/** "Full jitter": anywhere up to an exponentially growing, capped bound, so the losers spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt + 1)));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
