import type { FastifyInstance } from 'fastify';
import type { Instruments } from './instruments.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Times every request under its route template (Fastify's routeOptions.url, such as
 * /api/v1/pilots/:number), never the raw URL: a label per pilot or per typo would grow without
 * end. Requests no route matched are "unmatched".
 */
export function timeRequests(fastify: FastifyInstance, m: Instruments): void {
  // One child per label set, kept: observing through it skips hashing the labels every time.
  const children = new Map<string, { observe(value: number): void }>();
  fastify.addHook('onResponse', (request, reply, done) => {
    const method = METHODS.has(request.method) ? request.method : 'OTHER';
    const route = request.routeOptions.url ?? 'unmatched';
    const statusClass = `${Math.floor(reply.statusCode / 100)}xx`;
    const key = `${method} ${statusClass} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = m.httpDuration.labels(method, route, statusClass);
      children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });
}
