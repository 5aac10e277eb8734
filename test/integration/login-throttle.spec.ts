import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  DEFAULT_LOGIN_THROTTLE,
  LoginThrottle,
  LoginThrottledError,
} from '../../src/auth/login-throttle.js';
import { startTestApp, type TestApp } from '../support/app.js';

// The real limiter on the real database with its default limits. trustProxy is on, so each test
// names its own client address in X-Forwarded-For and the address counts do not mix.
describe('login throttling', () => {
  let t: TestApp;
  let admin: string;
  const PASSWORD = 'mat-khau-dung-12';
  let lastOctet = 10;
  const address = () => `203.0.113.${lastOctet++}`;

  const login = (email: string, password: string, ip: string) =>
    t.request('POST', '/api/v1/auth/login', {
      body: { email, password },
      headers: { 'x-forwarded-for': ip },
    });
  /** A fresh account made through the admin API. */
  async function account(): Promise<string> {
    const email = `throttle-${randomUUID().slice(0, 8)}@khanhhoa.example`;
    const res = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { email, name: 'Thử giới hạn', role: 'LEADERSHIP', password: PASSWORD },
    });
    expect(res.status).toBe(201);
    return email;
  }
  async function fail(email: string, ip: string, times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      const res = await login(email, 'sai-mat-khau', ip);
      expect([res.status, res.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@demo.example');
  });
  afterAll(() => t.close());

  it('uses the agreed limits by default', () => {
    expect(DEFAULT_LOGIN_THROTTLE).toEqual({
      pairFailures: 5,
      pairWindowSeconds: 900,
      pairBlockSeconds: 900,
      accountFailures: 100,
      accountWindowSeconds: 3600,
      addressFailures: 30,
      addressWindowSeconds: 900,
      knownAddressSeconds: 30 * 86_400,
    });
  });

  it('refuses the 6th attempt from one address after 5 failures there, even with the right password', async () => {
    const email = await account();
    const ip = address();
    await fail(email, ip, 5);
    const refused = await login(email, PASSWORD, ip);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Any spelling of the e-mail is the same account.
    expect((await login(email.toUpperCase(), PASSWORD, ip)).status).toBe(429);

    const db = new pg.Client({ connectionString: t.database.url });
    await db.connect();
    const rows = (
      await db.query('SELECT key, points FROM login_throttle WHERE key = $1', [
        `pair:${email}|${ip}`,
      ])
    ).rows;
    await db.end();
    expect(rows).toEqual([{ key: `pair:${email}|${ip}`, points: expect.any(Number) }]);
    expect(rows[0].points).toBeGreaterThan(5);
  });

  it('does not let a stranger lock the owner out: the right password works from elsewhere', async () => {
    const email = await account();
    const stranger = address();
    await fail(email, stranger, 5);
    expect((await login(email, PASSWORD, stranger)).status).toBe(429);
    expect((await login(email, PASSWORD, address())).status).toBe(200);
    // The admin too, whose address is public knowledge.
    const attacker = address();
    await fail('admin@demo.example', attacker, 6 - 1);
    expect((await login('admin@demo.example', 'demo-pilot-06', attacker)).status).toBe(429);
    expect((await login('admin@demo.example', 'demo-pilot-06', address())).status).toBe(200);
  });

  it('still lets another account sign in from the same address, until the address limit', async () => {
    const blocked = await account();
    const other = await account();
    const regular = await account();
    const ip = address();
    expect((await login(regular, PASSWORD, ip)).status).toBe(200); // signs in from here usually
    await fail(blocked, ip, 5);
    expect((await login(blocked, PASSWORD, ip)).status).toBe(429);

    // 25 more failures from this address, spread so that no account reaches its own limit.
    for (let i = 0; i < 5; i++) await fail(`khong-co-${randomUUID()}@khanhhoa.example`, ip, 5);
    const refused = await login(other, PASSWORD, ip);
    expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The account itself is fine from another address…
    expect((await login(other, PASSWORD, address())).status).toBe(200);
    // …and whoever has signed in from this address before still gets in: a shared office
    // address is not locked by one guesser behind it.
    expect((await login(regular, PASSWORD, ip)).status).toBe(200);
  });

  it('stops guessing spread over many addresses with the per-account backstop', async () => {
    const email = await account();
    const home = address();
    expect((await login(email, PASSWORD, home)).status).toBe(200);
    const throttle = new LoginThrottle(t.app.get(DataSource), {
      pairFailures: 2,
      accountFailures: 6,
      addressFailures: 1000,
    });
    for (let i = 0; i < 3; i++) {
      const ip = address();
      for (let j = 0; j < 2; j++) await throttle.attempt(email, ip); // two failures each
    }
    await expect(throttle.attempt(email, address())).rejects.toBeInstanceOf(LoginThrottledError);
    // From the address the owner signed in from, the backstop does not apply.
    const attempt = await throttle.attempt(email, home);
    await attempt.succeeded();
  });

  it('throttles every spelling of an address as the one account it signs in to', async () => {
    const ip = address();
    await fail('admin@demo.example', ip, 5);
    // U+0130 (İ) lower-cases to "i̇" in JavaScript and to "i" in some databases: it must not
    // reach the admin's account under a throttle key of its own.
    for (const spelling of ['admİn@demo.example', 'admın@demo.example', 'аdmin@demo.example']) {
      const res = await login(spelling, 'demo-pilot-06', ip);
      expect([spelling, res.status]).toEqual([spelling, 401]);
    }
    for (const spelling of [
      'ADMIN@demo.example',
      'Admin@Demo.Example',
      'ａｄｍｉｎ@demo.example', // full-width letters: NFKC makes them plain
    ]) {
      const res = await login(spelling, 'demo-pilot-06', ip);
      expect([spelling, res.status]).toEqual([spelling, 429]);
    }
  });

  it('resets the account counter on a successful sign-in', async () => {
    const email = await account();
    const ip = address();
    await fail(email, ip, 4);
    expect((await login(email, PASSWORD, ip)).status).toBe(200);
    await fail(email, ip, 4);
    expect((await login(email, PASSWORD, ip)).status).toBe(200); // 8 failures, never 5 in a row
    await fail(email, ip, 5);
    expect((await login(email, PASSWORD, ip)).status).toBe(429);
  });

  it('counts unknown accounts like real ones, so the answer reveals nothing', async () => {
    const ip = address();
    const ghost = `khong-co-${randomUUID()}@khanhhoa.example`;
    await fail(ghost, ip, 5);
    expect((await login(ghost, PASSWORD, ip)).status).toBe(429);
  });

  it("counts in the process's database pool, not in connections of its own (DATABASE_POOL_MAX caps them all)", async () => {
    const ip = address();
    await fail(`khong-co-${randomUUID()}@khanhhoa.example`, ip, 3);
    // The public answer page's throttle too: a forged link takes a point from its address.
    const page = await fetch(new URL('/tra-loi/khong-phai-lien-ket-that', await t.app.getUrl()), {
      headers: { 'x-forwarded-for': ip },
    });
    expect(page.status).toBeGreaterThanOrEqual(400);
    const connections: { name: string; n: number }[] = await t.app.get(DataSource).query(
      `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() GROUP BY 1 ORDER BY 1`,
    );
    expect(connections.filter((c) => /throttle/.test(c.name))).toEqual([]);
    const pool = connections.find((c) => c.name === `de-an-06-${t.config.role}`);
    expect(pool?.n).toBeLessThanOrEqual(t.config.databasePoolMax);
  });
});
