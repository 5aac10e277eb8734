import { startTestApp, type TestApp } from '../support/app.js';

/** Whatever arrives as a body, a write answers 4xx in the error shape: never 5xx, never a change. */
const WRITES: [string, string][] = [
  ['POST', '/api/v1/auth/login'],
  ['POST', '/api/v1/pilots/6/transitions'],
  ['POST', '/api/v1/pilots/6/reports'],
  ['POST', '/api/v1/blockers'],
  ['POST', '/api/v1/recommendations'],
  ['PUT', '/api/v1/escalation-policy'],
  ['POST', '/api/v1/calendar/adjustments'],
  ['POST', '/api/v1/users'],
  ['POST', '/api/v1/agencies'],
];
const BODIES = [
  '[]',
  'null',
  '"chuỗi"',
  '42',
  '{}',
  '{"__proto__":{"admin":true}}',
  '{"to":["PILOTING"],"version":"1"}',
];

describe('malformed bodies', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = await t.login('thuky@demo.example');
  });
  afterAll(() => t.close());

  it.each(WRITES)('%s %s answers 4xx with a code for every malformed body', async (method, url) => {
    for (const payload of BODIES) {
      const res = await t.request(method, url, {
        token,
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect([url, payload, res.status < 500 && res.status >= 400]).toEqual([url, payload, true]);
      expect(typeof res.body.code).toBe('string');
    }
  });
});
