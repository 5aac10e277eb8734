import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { addressSkeleton, normalizeEmail } from '../../src/users/email-address.js';
import { mailableUserSql } from '../../src/users/mailable.js';
import { passwordProblem } from '../../src/users/password-policy.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { WebClient } from '../support/web.js';

// Issue 10 §9 and §13: one canonical form for addresses, no look-alike accounts, passwords that
// are not on every attacker's list, and no mail to demo accounts in production.
describe('accounts: addresses, passwords, mail', () => {
  let t: TestApp;
  let admin: string;
  const tag = () => randomUUID().slice(0, 8);
  const create = (body: Record<string, unknown>) =>
    t.request('POST', '/api/v1/users', {
      token: admin,
      body: { name: 'Tài khoản thử', role: 'LEADERSHIP', password: 'mat-khau-du-dai-12', ...body },
    });
  const problemsOf = (res: {
    body: { details?: { fields?: { field: string; problems: string[] }[] } };
  }) => Object.fromEntries((res.body.details?.fields ?? []).map((f) => [f.field, f.problems]));

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin@demo.example');
  });
  afterAll(() => t.close());

  describe('normalizeEmail', () => {
    it('trims, applies NFKC and lower-cases A–Z only, as the database can repeat', () => {
      expect(normalizeEmail(' Can.Bo@KhanhHoa.GOV.vn ')).toBe('can.bo@khanhhoa.gov.vn');
      expect(normalizeEmail('ａｄｍｉｎ@demo.example')).toBe('admin@demo.example');
      // Not folded to "admin": no account can have a non-ASCII address.
      expect(normalizeEmail('admİn@demo.example')).toBe('admİn@demo.example');
      expect(addressSkeleton('sorneone@vvork.example')).toBe(
        addressSkeleton('someone@work.example'),
      );
    });
  });

  it('stores the normalised address and refuses the same one in any spelling', async () => {
    const local = `Nguyen.Van.${tag()}`;
    const created = await create({ email: `${local}@KhanhHoa.Example` });
    expect(created.status).toBe(201);
    const email = `${local.toLowerCase()}@khanhhoa.example`;
    expect(created.body.email).toBe(email);
    for (const spelling of [email.toUpperCase(), email.replace('n', 'ｎ')]) {
      const again = await create({ email: spelling });
      expect([spelling, again.status, again.body.code]).toEqual([spelling, 409, 'CONFLICT']);
    }
    expect((await t.login(email.toUpperCase(), 'mat-khau-du-dai-12')).length).toBeGreaterThan(0);
  });

  it('refuses addresses with letters outside ASCII, and look-alikes of an existing one', async () => {
    for (const email of [`admİn-${tag()}@demo.example`, `аdmin-${tag()}@demo.example`]) {
      const res = await create({ email });
      expect([email, res.status, res.body.code]).toEqual([email, 400, 'VALIDATION_FAILED']);
      expect(problemsOf(res).email).toBeDefined();
    }
    const base = `morning${tag().replace(/[01]/g, 'x')}`;
    expect((await create({ email: `${base}@khanhhoa.example` })).status).toBe(201);
    const lookAlike = await create({ email: `${base.replace('m', 'rn')}@khanhhoa.example` });
    expect(lookAlike.status).toBe(409);
    expect(lookAlike.body).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('dễ nhầm'),
      details: { field: 'email', existing: `${base}@khanhhoa.example` },
    });
  });

  it('refuses blank, common and self-naming passwords wherever one is set', async () => {
    const email = `tran.thi.${tag()}@khanhhoa.example`;
    for (const password of [
      ' '.repeat(12),
      'password1234',
      'Password1234',
      'qwertyuiop12',
      'iloveyou1234!',
      'matkhau@2024',
      'aaaaaaaaaaaa',
      `${email}`,
      `${email.split('@')[0]}-2024`,
    ]) {
      const res = await create({ email, password });
      expect([password, res.status]).toEqual([password, 400]);
      expect(problemsOf(res).password).toEqual([expect.stringMatching(/^Mật khẩu /)]);
    }
    const created = await create({ email, password: 'mat-khau-du-dai-12' });
    expect(created.status).toBe(201);
    const patch = await t.request('PATCH', `/api/v1/users/${created.body.id}`, {
      token: admin,
      body: { version: created.body.version, password: 'password1234' },
    });
    expect(patch.status).toBe(400);
    expect(problemsOf(patch).password).toBeDefined();
    const good = await t.request('PATCH', `/api/v1/users/${created.body.id}`, {
      token: admin,
      body: { version: created.body.version, password: 'một câu mật khẩu khá dài' },
    });
    expect(good.status).toBe(200);
  });

  it('says why on the web users page', async () => {
    const web = await WebClient.signedIn(t, 'admin@demo.example');
    const res = await web.post('/cai-dat/nguoi-dung', {
      email: `le.van.${tag()}@khanhhoa.example`,
      name: 'Lê Văn Thử',
      role: 'LEADERSHIP',
      password: 'password1234',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('quá phổ biến');
    expect(res.html).not.toContain('password1234');
  });

  it('keeps the rule in one function', async () => {
    expect(await passwordProblem('demo-pilot-06', 'admin@demo.example')).toBeNull();
    expect(await passwordProblem('một câu mật khẩu khá dài', 'a@b.example')).toBeNull();
    expect(await passwordProblem('            ', 'a@b.example')).toMatch(/khoảng trắng/);
  });

  it('leaves demo accounts out of mail recipients in production only', async () => {
    const db = new pg.Client({ connectionString: t.database.url });
    await db.connect();
    try {
      const recipients = async (isProduction: boolean) =>
        (
          await db.query(
            `SELECT u.email FROM app_user u
              WHERE u.role = 'SECRETARIAT' AND ${mailableUserSql('u', { isProduction })}`,
          )
        ).rows.map((r: { email: string }) => r.email);
      expect(await recipients(false)).toContain('thuky@demo.example');
      expect(await recipients(true)).not.toContain('thuky@demo.example');
      const plain = await db.query(
        `SELECT count(*)::int AS n FROM app_user WHERE ${mailableUserSql('app_user', { isProduction: true })}`,
      );
      expect(plain.rows[0].n).toBeGreaterThanOrEqual(0);
      expect(() => mailableUserSql('u; DROP TABLE app_user', { isProduction: true })).toThrow();
    } finally {
      await db.end();
    }
  });
});
