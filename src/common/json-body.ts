import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validationFailed } from './domain-error.js';

/** Far deeper than any body of ours (a few levels), far shallower than any stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, read on the raw bytes (the
 * ASCII brackets, quotes and backslashes never occur inside a UTF-8 multi-byte character), so a
 * 1 MiB body of `[` is refused in a millisecond, before it is parsed or transformed.
 */
export function jsonNestedDeeperThan(body: Buffer | string, limit: number): boolean {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Fastify's own JSON parser (prototype poisoning refused), behind the depth limit, with its
 * refusals said in the API's shape and language.
 */
export function depthLimitedJsonParser(instance: FastifyInstance) {
  const parse = instance.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    if (jsonNestedDeeperThan(body, MAX_JSON_DEPTH)) {
      done(validationFailed(`Dữ liệu JSON lồng nhau quá ${MAX_JSON_DEPTH} cấp.`));
      return;
    }
    const text = body.toString('utf8');
    void parse(request, text, (error, parsed) => {
      // Fastify's parser says only "invalid JSON"; a forbidden key is worth naming.
      const forbidden = error && /"(__proto__|prototype)"\s*:/.exec(text)?.[1];
      if (forbidden)
        done(validationFailed(`Dữ liệu JSON không được có trường tên "${forbidden}".`));
      else done(error, parsed);
    });
  };
}
