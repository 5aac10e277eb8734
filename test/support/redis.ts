/** The Redis-backed variants run only when TEST_REDIS_URL is set; say so when they do not. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;

export function queueBackends(): [kind: string, redisUrl: string | undefined][] {
  if (!TEST_REDIS_URL) {
    console.warn(
      'Redis-backed queue tests are not run: TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379).',
    );
    return [['PostgreSQL', undefined]];
  }
  return [
    ['PostgreSQL', undefined],
    ['Redis', TEST_REDIS_URL],
  ];
}
