import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino from 'pino';

/** One JSON logger for the whole process: start-up, Nest and every request. */
export function createLogger(level: string): pino.Logger {
  return pino({
    level,
    base: { service: 'de-an-06-tracker' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Keeps a sane incoming X-Request-Id (from a proxy), else makes one; echoed in the reply. */
export function requestId(req: Pick<IncomingMessage, 'headers'>): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
