import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { INTERNAL_CALL_HEADER } from './web/in-process-api.js';

/**
 * One JSON logger for the whole process: start-up, Nest and every request. Credentials in
 * request headers are never written: the bearer token, cookies, and the in-process calls' mark
 * (its value would let whoever reads the log hide their own requests from it).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { service: 'de-an-06-tracker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          `req.headers["${INTERNAL_CALL_HEADER}"]`,
        ],
        // The mark is left out altogether; credentials show that they were there.
        censor: (_value: unknown, path: string[]) =>
          path.includes(INTERNAL_CALL_HEADER) ? undefined : '[Redacted]',
      },
    },
    destination,
  );
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Keeps a sane incoming X-Request-Id (from a proxy), else makes one; echoed in the reply. */
export function requestId(req: Pick<IncomingMessage, 'headers'>): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
