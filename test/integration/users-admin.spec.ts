import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { JwtService } from '@nestjs/jwt';
import { startTestApp, type TestApp, type TestResponse } from '../support/app.js';
import { WebClient } from '../support/web.js';

type Options = { token?: string; body?: unknown; requestId?: string };
const PASSWORD = 'mat-khau-du-dai-12';
const outcome = (res: TestResponse) => [res.status, res.body.code];
const fields = (res: TestResponse) =>
  res.body.details.fields.map((f: { field: string }) => f.field).sort();
const fresh = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@khanhhoa.example`;

describe('users and agencies administration', () => {
  let t: TestApp;
  let db: pg.Client;
  let admin: string;
  let adminId: string;
  const seen: TestResponse[] = []; // every answer, checked for secrets at the end

  const sql = async (text: string, params: unknown[] = []) => (await db.query(text, params)).rows;
  const call = async (method: string, url: string, options: Options = {}) => {
    const res = await t.request(method, `/api/v1${url}`, {
      token: options.token ?? admin,
      body: options.body,
      headers: options.requestId ? { 'x-request-id': options.requestId } : {},
    });
    seen.push(res);
    return res;
  };
  const patch = (url: string, body: object, options: Options = {}) =>
    call('PATCH', url, { ...options, body });
  const base = { name: 'Cán bộ thử nghiệm', role: 'SECRETARIAT', password: PASSWORD };
  const newUser = (body: Record<string, unknown> = {}) =>
    call('POST', '/users', { body: { email: fresh('user'), ...base, ...body } });

  beforeAll(async () => {
    t = await startTestApp();
    db = new pg.Client({ connectionString: t.database.url });
    await db.connect();
    admin = await t.login('admin@demo.example');
    adminId = (await sql(`SELECT id FROM app_user WHERE email = 'admin@demo.example'`))[0].id;
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('lets an admin create, read, list, update and disable an account, which then cannot act', async () => {
    const email = fresh('An.Nguyen');
    const created = await newUser({ email: `  ${email.toUpperCase()} `, role: 'LEADERSHIP' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      name: 'Cán bộ thử nghiệm',
      role: 'LEADERSHIP',
      agencyCode: null,
      disabled: false,
      disabledAt: null,
      lastLoginAt: null,
      version: 1,
      createdAt: expect.any(String),
    });
    const id = created.body.id as string;
    expect(await sql('SELECT is_demo, password_hash FROM app_user WHERE id = $1', [id])).toEqual([
      { is_demo: false, password_hash: expect.stringMatching(/^\$argon2id\$/) },
    ]);

    const token = await t.login(email, PASSWORD);
    expect((await call('GET', '/pilots/1', { token })).status).toBe(200);
    // Signing in records lastLoginAt without bumping the version an admin edits against.
    const read = await call('GET', `/users/${id}`);
    expect(read.body).toMatchObject({ version: 1, lastLoginAt: expect.any(String) });

    const list = await call('GET', '/users?role=LEADERSHIP&limit=100');
    expect(list.body).toMatchObject({ limit: 100, offset: 0 });
    const emails = list.body.items.map((u: { email: string }) => u.email);
    expect(emails).toEqual(expect.arrayContaining(['lanhdao@demo.example', email.toLowerCase()]));
    expect(list.body.items.every((u: { role: string }) => u.role === 'LEADERSHIP')).toBe(true);
    const officers = (await call('GET', '/users?agency=SYT')).body.items;
    expect(officers.map((u: { email: string }) => u.email)).toEqual(['syt@demo.example']);

    const changes = { version: 1, name: 'Lê Thị Hồng', role: 'AGENCY_OFFICER', agencyCode: 'SYT' };
    const renamed = await patch(`/users/${id}`, changes);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Lê Thị Hồng', agencyCode: 'SYT', version: 2 });

    const disabled = await patch(`/users/${id}`, { version: 2, disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    expect(outcome(await call('GET', '/pilots/1', { token }))).toEqual([401, 'UNAUTHORIZED']);
    const login = await t.request('POST', '/api/v1/auth/login', {
      body: { email, password: PASSWORD },
    });
    expect(login.status).toBe(401);

    const enabled = await patch(`/users/${id}`, { version: 3, disabled: false });
    expect(enabled.body).toMatchObject({ disabled: false, version: 4 });
  });

  it('refuses a duplicate e-mail in any case with 409 CONFLICT', async () => {
    const email = fresh('dup');
    expect((await newUser({ email })).status).toBe(201);
    const again = await newUser({ email: email.toUpperCase() });
    expect(again.body).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      message: expect.stringMatching(/email/),
    });
    const count = 'SELECT count(*)::int AS n FROM app_user WHERE lower(email) = $1';
    expect(await sql(count, [email])).toEqual([{ n: 1 }]);
  });

  it('checks roles against agencies and the password length, naming the field', async () => {
    const officer = await newUser({ role: 'AGENCY_OFFICER' });
    expect(outcome(officer)).toEqual([400, 'VALIDATION_FAILED']);
    expect(fields(officer)).toEqual(['agencyCode']);
    expect(officer.body.details.fields[0].problems[0]).toMatch(/bắt buộc/);
    const refusals = [
      [{ role: 'SECRETARIAT', agencyCode: 'SYT' }, ['agencyCode']],
      [{ role: 'AGENCY_OFFICER', agencyCode: 'KHONGCO' }, ['agencyCode']],
      [{ password: 'ngan-qua', email: 'khong-phai-email' }, ['email', 'password']],
    ] as const;
    for (const [body, names] of refusals) expect(fields(await newUser(body))).toEqual(names);
    expect(fields(await newUser({ passwordHash: 'x' }))).toEqual(['passwordHash']);
    // An agency dissolved in 2025 takes no new officer; today's holder does.
    const gone = await newUser({ role: 'AGENCY_OFFICER', agencyCode: 'SGTVT' });
    expect(fields(gone)).toEqual(['agencyCode']);
    expect(gone.body.message).toContain('Sở Xây dựng tỉnh Khánh Hòa (SXD)');
    const ok = await newUser({ role: 'AGENCY_OFFICER', agencyCode: 'SXD' });
    expect(ok.body).toMatchObject({ role: 'AGENCY_OFFICER', agencyCode: 'SXD' });
    const other = (await newUser()).body.id;
    expect(fields(await patch(`/users/${other}`, { version: 1, role: 'AGENCY_OFFICER' }))).toEqual([
      'agencyCode',
    ]);
    // Leaving the officer role drops the agency.
    const leaves = await patch(`/users/${ok.body.id}`, { version: 1, role: 'LEADERSHIP' });
    expect(leaves.body).toMatchObject({ role: 'LEADERSHIP', agencyCode: null });
  });

  it('answers 409 VERSION_CONFLICT on a stale version and 404 / 400 for unknown / bad ids', async () => {
    const { id } = (await newUser()).body;
    expect((await patch(`/users/${id}`, { version: 1, name: 'Một' })).status).toBe(200);
    const stale = await patch(`/users/${id}`, { version: 1, name: 'Hai' });
    expect(stale.body).toMatchObject({
      statusCode: 409,
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2, sentVersion: 1 },
    });
    expect(outcome(await call('GET', `/users/${randomUUID()}`))).toEqual([404, 'NOT_FOUND']);
    expect(outcome(await call('GET', '/users/42'))).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('does not let an admin disable or demote themself', async () => {
    const version = (await call('GET', `/users/${adminId}`)).body.version;
    const disable = await patch(`/users/${adminId}`, { version, disabled: true });
    expect(outcome(disable)).toEqual([409, 'CONFLICT']);
    const demote = await patch(`/users/${adminId}`, { version, role: 'SECRETARIAT' });
    expect(outcome(demote)).toEqual([409, 'CONFLICT']);
    const row = await sql('SELECT role, disabled_at FROM app_user WHERE id = $1', [adminId]);
    expect(row).toEqual([{ role: 'ADMIN', disabled_at: null }]);
  });

  it('refuses every write by secretariat, leadership and agency officers with 403, changing nothing', async () => {
    const target = (await newUser()).body;
    const state = () =>
      sql(
        `SELECT (SELECT count(*) FROM app_user) AS users, (SELECT count(*) FROM agency) AS agencies,
                (SELECT count(*) FROM audit_entry) AS audit, row_to_json(u) AS u, row_to_json(a) AS a
           FROM app_user u, agency a WHERE u.id = $1 AND a.code = 'BYT'`,
        [target.id],
      );
    const before = await state();
    for (const email of ['thuky@demo.example', 'lanhdao@demo.example', 'syt@demo.example']) {
      const token = await t.login(email);
      const user = { email: fresh('x'), name: 'X', role: 'ADMIN', password: PASSWORD };
      const agency = { code: 'BNV', name: 'Bộ Nội vụ', shortName: 'Bộ NV', kind: 'MINISTRY' };
      const answers = await Promise.all([
        call('POST', '/users', { token, body: user }),
        patch(`/users/${target.id}`, { version: 1, role: 'ADMIN' }, { token }),
        call('POST', '/agencies', { token, body: agency }),
        patch('/agencies/BYT', { version: 1, name: 'Khác' }, { token }),
        call('GET', '/users', { token }),
        call('GET', `/users/${target.id}`, { token }),
      ]);
      for (const res of answers) {
        expect(outcome(res)).toEqual([403, 'FORBIDDEN']);
        expect(res.body.message).toMatch(/quản trị/);
      }
    }
    expect(await state()).toEqual(before);
  });

  it('changes a password with an audit entry carrying the request id, never the password', async () => {
    const requestId = `audit-${randomUUID()}`;
    const created = await newUser();
    const { id, email } = created.body;
    const changes = { version: 1, name: 'Đổi tên', password: 'mật khẩu khác dài hơn' };
    expect((await patch(`/users/${id}`, changes, { requestId })).status).toBe(200);
    // Typed with combining marks (NFD), the same password still matches; the old one does not.
    await t.login(email, changes.password.normalize('NFD'));
    const old = await t.request('POST', '/api/v1/auth/login', {
      body: { email, password: PASSWORD },
    });
    expect(old.status).toBe(401);
    const [entry] = await sql('SELECT * FROM audit_entry WHERE request_id = $1', [requestId]);
    expect(entry).toMatchObject({
      action: 'user.update',
      entity_type: 'user',
      entity_id: id,
      actor_id: adminId,
      actor_email: 'admin@demo.example',
      before: { name: 'Cán bộ thử nghiệm', version: 1 },
      after: { name: 'Đổi tên', version: 2, passwordChanged: true },
    });
    const creations = await sql(
      `SELECT request_id FROM audit_entry WHERE action = 'user.create' AND entity_id = $1`,
      [id],
    );
    expect(creations).toEqual([{ request_id: created.headers['x-request-id'] }]);
    const all = JSON.stringify(await sql(`SELECT before, after FROM audit_entry`));
    expect(all).not.toMatch(/passwordHash|password_hash|argon2|mật khẩu khác/);
  });

  it('signs out whoever knew the old password: older tokens and browser sessions stop working', async () => {
    const created = await newUser({ role: 'SECRETARIAT' });
    const { id, email } = created.body;
    // A token issued ten seconds before the change, as a thief would hold it.
    const old = await t.app
      .get(JwtService)
      .signAsync({ sub: id, role: 'SECRETARIAT', iat: Math.floor(Date.now() / 1000) - 10 });
    const browser = await WebClient.signedIn(t, email, PASSWORD);
    expect((await t.request('GET', '/api/v1/pilots/1', { token: old })).status).toBe(200);
    expect((await browser.get('/mo-hinh')).status).toBe(200);

    const changed = await patch(`/users/${id}`, {
      version: 1,
      password: 'một mật khẩu mới đủ dài',
    });
    expect(changed.status).toBe(200);
    const refused = await t.request('GET', '/api/v1/pilots/1', { token: old });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('Mật khẩu đã được đổi: vui lòng đăng nhập lại.');
    expect((await browser.get('/mo-hinh')).status).toBe(303);
    // The new password works at once, through both doors.
    const fresh = await t.login(email, 'một mật khẩu mới đủ dài');
    expect((await t.request('GET', '/api/v1/pilots/1', { token: fresh })).status).toBe(200);
    await WebClient.signedIn(t, email, 'một mật khẩu mới đủ dài');
  });

  it('creates and changes agencies: validity, 404 for an unknown code, NFC names', async () => {
    const name = 'Bộ Dân tộc và Tôn giáo';
    const requestId = `agency-${randomUUID()}`;
    const body = {
      code: 'BDTTG',
      name: ` ${name.normalize('NFD')} `,
      shortName: 'Bộ DT&TG',
      kind: 'MINISTRY',
      contactEmails: ['Van.Thu@MOST.gov.vn ', 'dau-moi@most.gov.vn'],
    };
    const created = await call('POST', '/agencies', { requestId, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'BDTTG',
      parentCode: null,
      validFrom: null,
      validUntil: null,
      contactEmails: ['van.thu@most.gov.vn', 'dau-moi@most.gov.vn'],
      version: 1,
    });
    expect(Buffer.from(created.body.name)).toEqual(Buffer.from(name.normalize('NFC')));
    const read = await call('GET', '/agencies/BDTTG', {
      token: await t.login('thuky@demo.example'),
    });
    expect(Buffer.from(read.body.name)).toEqual(Buffer.from(name.normalize('NFC')));
    const audit = 'SELECT action, entity_type, entity_id FROM audit_entry WHERE request_id = $1';
    expect(await sql(audit, [requestId])).toEqual([
      { action: 'agency.create', entity_type: 'agency', entity_id: 'BDTTG' },
    ]);

    expect(outcome(await call('POST', '/agencies', { body }))).toEqual([409, 'CONFLICT']);
    const bad = { ...body, code: 'b', contactEmails: ['a@b.vn', 'A@b.vn '] };
    expect(fields(await call('POST', '/agencies', { body: bad }))).toEqual([
      'code',
      'contactEmails',
    ]);

    // An agency's validity is edited on its row (who takes over is a succession event).
    const before = (await call('GET', '/agencies/BQLKKT')).body;
    const ended = await patch('/agencies/BQLKKT', {
      version: before.version,
      validUntil: '2027-01-01',
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      id: before.id,
      validUntil: '2027-01-01',
      version: before.version + 1,
    });
    const update = `SELECT before, after FROM audit_entry WHERE action = 'agency.update' AND entity_id = 'BQLKKT'`;
    expect(await sql(update)).toMatchObject([
      { before: { validUntil: null }, after: { validUntil: '2027-01-01' } },
    ]);
    // A dissolved agency's letters stay on its row.
    const letters = await call('GET', '/recommendations?addressee=BTTTT');
    expect(letters.body.total).toBeGreaterThan(0);

    const backwards = await patch('/agencies/BQLKKT', {
      version: before.version + 1,
      validFrom: '2027-01-01',
    });
    expect(fields(backwards)).toEqual(['validUntil']);
    const stale = await patch('/agencies/BQLKKT', { version: before.version, name: 'Cũ' });
    expect(outcome(stale)).toEqual([409, 'VERSION_CONFLICT']);
    const badDay = await patch('/agencies/BDTTG', { version: 1, validUntil: '2025-02-30' });
    expect(fields(badDay)).toEqual(['validUntil']);

    for (const res of [
      await call('GET', '/agencies/KHONGCO'),
      await patch('/agencies/KHONGCO', { version: 1, name: 'X' }),
    ]) {
      expect(outcome(res)).toEqual([404, 'NOT_FOUND']);
      expect(res.body.message).toBe('Không tìm thấy cơ quan mã KHONGCO.');
    }
  });

  it('never answered with a password hash', () => {
    // As a key or a value; the field name alone may appear in the refusal of an unknown field.
    for (const res of seen) expect(res.raw).not.toMatch(/"password_?[hH]ash":|\$argon2/);
  });
});
