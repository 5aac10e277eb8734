import { createHash, timingSafeEqual } from 'node:crypto';
import type { ErrorBody } from '../common/error-body.js';

export interface MetricsReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics behind its bearer token: 401 without one, 403 with another, in the API's error
 * shape; with the token, the Prometheus text that `render` gives.
 */
export async function metricsReply(
  token: string,
  authorization: string | undefined,
  render: () => Promise<{ contentType: string; text: string }>,
): Promise<MetricsReply> {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!presented)
    return refusal(401, {
      statusCode: 401,
      code: 'UNAUTHORIZED',
      message: 'Cần mã truy cập số liệu giám sát: Authorization: Bearer <METRICS_TOKEN>.',
    });
  // Compared as digests: equal lengths, and no timing that tells how much of it matched.
  if (!timingSafeEqual(digest(presented), digest(token)))
    return refusal(403, {
      statusCode: 403,
      code: 'FORBIDDEN',
      message: 'Mã truy cập số liệu giám sát không đúng.',
    });
  const { contentType, text } = await render();
  return {
    status: 200,
    headers: { 'content-type': contentType, 'cache-control': 'no-store' },
    body: text,
  };
}

function refusal(status: 401 | 403, body: ErrorBody): MetricsReply {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(status === 401 ? { 'www-authenticate': 'Bearer realm="metrics"' } : {}),
    },
    body: JSON.stringify(body),
  };
}
