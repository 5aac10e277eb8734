import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { redactAnswerPath } from './answer-links/answer-link-token.js';
import { INTERNAL_CALL_HEADER } from './web/in-process-api.js';

/**
 * One JSON logger for the whole process: start-up, Nest and every request. Credentials in
 * request headers are never written: the bearer token, cookies, and the in-process calls' mark
 * (its value would let whoever reads the log hide their own requests from it). An addressee's
 * answer link is a credential in the path: its address (and a Referer naming it) is logged cut to
 * the link's id, `/tra-loi/<id>.…`.
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
          'req.url',
          'req.headers.referer',
        ],
        // The mark is left out altogether; credentials show that they were there.
        censor: (value: unknown, path: string[]) =>
          path.includes(INTERNAL_CALL_HEADER)
            ? undefined
            : path.at(-1) === 'url' || path.at(-1) === 'referer'
              ? typeof value === 'string'
                ? redactAnswerPath(value)
                : value
              : '[Redacted]',
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
