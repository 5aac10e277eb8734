import { DomainError } from './domain-error.js';

/** What a client is told to wait before trying again when no connection could be had. */
export const DATABASE_BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * True when the error says a connection to PostgreSQL could not be had in time, not that a query
 * failed: node-postgres' pool waited its `connectionTimeoutMillis` for a free connection
 * ("timeout exceeded when trying to connect") or for a new one to open ("Connection terminated
 * due to connection timeout"), or the server refused another session (too_many_connections,
 * 53300; cannot_connect_now, 57P03, while it starts or stops). The error's causes are looked at
 * too (TypeORM and our own code may wrap it).
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { message, code } = e as { message?: unknown; code?: unknown };
    if (code === '53300' || code === '57P03') return true;
    if (
      typeof message === 'string' &&
      /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout)$/.test(
        message,
      )
    ) {
      return true;
    }
    e = (e as { cause?: unknown; driverError?: unknown }).driverError ?? (e as Error).cause;
  }
  return false;
}

/** 503 NOT_READY for a request that could not get a database connection in time. */
export const databaseBusy = () =>
  new DomainError('NOT_READY', 'Máy chủ đang bận; vui lòng thử lại sau ít giây.');

/**
 * Says "no database connection in time" once per burst in the log rather than once per request:
 * the first of a burst at once, then how many more there were, at most every `everyMs`.
 */
export class BusyLog {
  private lastAt = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly write: (message: string) => void,
    private readonly everyMs = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `what` names the condition (a page not ready, say); a connection not had in time by default. */
  note(error: unknown, what = 'no database connection in time'): void {
    const now = this.now();
    if (now - this.lastAt < this.everyMs) {
      this.suppressed++;
      return;
    }
    const more = this.suppressed > 0 ? ` (${this.suppressed} more since the last note)` : '';
    this.suppressed = 0;
    this.lastAt = now;
    this.write(
      `${what}, answering 503 with Retry-After: ${error instanceof Error ? error.message : String(error)}${more}`,
    );
  }
}
