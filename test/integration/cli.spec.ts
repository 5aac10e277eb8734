import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../../src/access/actor.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { serviceBuild } from '../support/service-build.js';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// `npm run cli` runs the built file; so do these, built once per run into a directory of their own.
const service = serviceBuild();
beforeAll(() => service.build(), 180_000);

describe('account CLI', () => {
  let db: TestDatabase;
  let t: TestApp;
  let dataDir: string;

  /** The CLI as production runs it: NODE_ENV=production, no JWT_SECRET, our test database. */
  function cli(
    args: string[],
    options: { password?: string; stdin?: string; database?: TestDatabase } = {},
  ) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: (options.database ?? db).url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    };
    for (const name of ['NEW_USER_PASSWORD', 'JWT_SECRET', 'SEED_DEMO', 'DEMO_PASSWORD'])
      delete env[name];
    if (options.password !== undefined) env.NEW_USER_PASSWORD = options.password;
    return new Promise<CliRun>((resolve, reject) => {
      const child = spawn(process.execPath, [service.script('cli.js'), ...args], {
        cwd: process.cwd(),
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(options.stdin ?? '');
    });
  }
  async function auditOf(email: string, columns = 'actor_id, actor_email, action, request_id') {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const sql = `SELECT ${columns} FROM audit_entry a JOIN app_user u ON a.entity_id = u.id::text
                    WHERE a.entity_type = 'user' AND u.email = $1 ORDER BY a.id`;
      return (await client.query(sql, [email])).rows;
    } finally {
      await client.end();
    }
  }
  const login = (email: string, password: string) =>
    t.request('POST', '/api/v1/auth/login', { body: { email, password } });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({ database: db });
    dataDir = await mkdtemp(join(tmpdir(), 'de-an-06-cli-'));
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('creates an administrator who then signs in over the API, with an audit entry by "cli"', async () => {
    const email = `quan-tri-${randomUUID().slice(0, 8)}@khanhhoa.example`;
    const password = 'mật khẩu quản trị đầu tiên';
    const run = await cli(
      [
        'user:create',
        '--email',
        email.toUpperCase(),
        '--name',
        'Quản trị hệ thống',
        '--role',
        'ADMIN',
      ],
      { password },
    );
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining(email) });
    expect(run.stdout + run.stderr).not.toContain(password);

    const res = await login(email, password);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email, role: 'ADMIN', name: 'Quản trị hệ thống' });
    const users = await t.request('GET', '/api/v1/users?role=ADMIN', {
      token: res.body.accessToken,
    });
    expect(users.body.items.map((u: { email: string }) => u.email)).toContain(email);

    expect(await auditOf(email)).toEqual([
      { actor_id: SYSTEM_ACTOR.id, actor_email: 'cli', action: 'user.create', request_id: null },
    ]);
  });

  it('reads the password from stdin, disables and lists accounts; every change is audited', async () => {
    const email = `can-bo-${randomUUID().slice(0, 8)}@khanhhoa.example`;
    const created = await cli(
      [
        'user:create',
        '--email',
        email,
        '--name',
        'Cán bộ Sở Y tế',
        '--role',
        'AGENCY_OFFICER',
        '--agency',
        'SYT',
      ],
      { stdin: 'mat-khau-tu-stdin-1\nphan sau bi bo qua\n' },
    );
    expect(created.code).toBe(0);
    expect((await login(email, 'mat-khau-tu-stdin-1')).status).toBe(200);

    const changed = await cli(['user:set-password', '--email', email], {
      password: 'mat-khau-moi-hon-12',
    });
    expect(changed.code).toBe(0);
    expect((await login(email, 'mat-khau-tu-stdin-1')).status).toBe(401);
    expect((await login(email, 'mat-khau-moi-hon-12')).status).toBe(200);

    expect((await cli(['user:disable', '--email', email])).code).toBe(0);
    expect((await login(email, 'mat-khau-moi-hon-12')).status).toBe(401);

    const list = await cli(['user:list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${email}\\tAGENCY_OFFICER\\tSYT\\tdisabled`));

    const audit = await auditOf(email);
    expect(audit.map((r) => [r.actor_email, r.action])).toEqual([
      ['cli', 'user.create'],
      ['cli', 'user.update'],
      ['cli', 'user.update'],
    ]);
    expect(JSON.stringify(await auditOf(email, 'before, after'))).not.toMatch(/argon2|mat-khau/);
  });

  it('refuses common passwords and ones naming the account, on create and on change', async () => {
    const email = `mat-khau-yeu-${randomUUID().slice(0, 8)}@khanhhoa.example`;
    const create = (password: string) =>
      cli(['user:create', '--email', email, '--name', 'A', '--role', 'LEADERSHIP'], { password });
    for (const password of [' '.repeat(12), 'password1234', `${email}!`]) {
      const run = await create(password);
      expect([password, run.code]).toEqual([password, 65]);
      expect(run.stderr).toMatch(/VALIDATION_FAILED.*Mật khẩu/);
    }
    expect((await login(email, 'password1234')).status).toBe(401);
    expect((await create('mat-khau-du-dai-12')).code).toBe(0);
    const change = await cli(['user:set-password', '--email', email], { password: 'qwertyuiop12' });
    expect(change.code).toBe(65);
    expect(change.stderr).toContain('quá phổ biến');
    expect((await login(email, 'mat-khau-du-dai-12')).status).toBe(200);
  });

  it('fails with a message and a non-zero code without a password, or on bad input', async () => {
    const email = `khong-mat-khau-${randomUUID().slice(0, 8)}@khanhhoa.example`;
    const noPassword = await cli([
      'user:create',
      '--email',
      email,
      '--name',
      'A',
      '--role',
      'ADMIN',
    ]);
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.stderr).toContain('NEW_USER_PASSWORD');
    expect((await login(email, 'bat-ky-mat-khau')).status).toBe(401);

    const short = await cli(['user:create', '--email', email, '--name', 'A', '--role', 'ADMIN'], {
      password: 'ngan',
    });
    expect(short.code).toBe(65);
    expect(short.stderr).toMatch(/password.*12/);

    const officer = await cli(
      ['user:create', '--email', email, '--name', 'A', '--role', 'AGENCY_OFFICER'],
      {
        password: 'mat-khau-du-dai-12',
      },
    );
    expect(officer.code).toBe(65);
    expect(officer.stderr).toContain('agencyCode');

    const duplicate = await cli(
      ['user:create', '--email', 'ADMIN@demo.example', '--name', 'A', '--role', 'ADMIN'],
      { password: 'mat-khau-du-dai-12' },
    );
    expect(duplicate.code).toBe(65);
    expect(duplicate.stderr).toContain('CONFLICT');

    const unknown = await cli(['user:disable', '--email', 'ai-do@khanhhoa.example']);
    expect([unknown.code, unknown.stderr]).toEqual([65, expect.stringContaining('NOT_FOUND')]);
    const usage = await cli(['user:remove']);
    expect([usage.code, usage.stderr]).toEqual([64, expect.stringContaining('user:create')]);
  });

  it('previews the 2025 reorganisation in Vietnamese and applies it as "cli"; again, nothing changes', async () => {
    // Started before the reorganisation: the template started on 15/01/2024.
    const database = await createTestDatabase({ clockDay: '2024-01-15' });
    const query = async (sql: string) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    try {
      const preview = await cli(['agencies:reorganisation-2025', '--preview'], { database });
      expect(preview.code).toBe(0);
      expect(preview.stdout).toContain('Sắp xếp tổ chức bộ máy năm 2025 (reorganisation-2025)');
      expect(preview.stdout).toContain('Chưa áp dụng. Chạy lại với --apply');
      expect(preview.stdout).toContain('Nghị quyết 202/2025/QH15');
      expect(preview.stdout).toContain('thêm BNNMT – Bộ Nông nghiệp và Môi trường (từ 01/03/2025)');
      expect(preview.stdout).toContain(
        '3829/STNMT-VPĐKĐĐ ngày 22/09/2023, BTNMT: BNNMT – Bộ Nông nghiệp và Môi trường',
      );
      expect(preview.stdout).toContain(
        '442/BC-TCTĐA06 ngày 20/12/2023, BTTTT: chưa rõ cơ quan trả lời: thư ký chọn một trong BKHCN (chính)',
      );
      expect(preview.stdout).toContain('stttt@demo.example: STTTT → SKHCN');
      expect(preview.stdout).toContain('Mô hình 16: STTTT → SKHCN');
      expect(await query(`SELECT 1 FROM succession_event`)).toEqual([]);

      const applied = await cli(['agencies:reorganisation-2025', '--apply'], { database });
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain('reorganisation-2025: đã áp dụng ngày');
      expect(applied.stdout).toContain('stttt@demo.example: STTTT → SKHCN');
      const audit = await query(
        `SELECT DISTINCT actor_email, action FROM audit_entry
          WHERE action IN ('agency.create', 'agency.succession', 'user.succession', 'pilot.succession')
          ORDER BY action`,
      );
      expect(audit).toEqual(
        ['agency.create', 'agency.succession', 'pilot.succession', 'user.succession'].map(
          (action) => ({ actor_email: 'cli', action }),
        ),
      );
      const [{ n }] = await query(`SELECT count(*)::int AS n FROM audit_entry`);

      const again = await cli(['agencies:reorganisation-2025', '--apply'], { database });
      expect([again.code, again.stdout]).toEqual([
        0,
        expect.stringContaining('đã được áp dụng từ trước — lần này không thay đổi gì'),
      ]);
      expect(await query(`SELECT count(*)::int AS n FROM audit_entry`)).toEqual([{ n }]);
      const after = await cli(['agencies:reorganisation-2025', '--preview'], { database });
      expect(after.stdout).toContain('Gói đã được áp dụng');

      const neither = await cli(['agencies:reorganisation-2025'], { database });
      expect([neither.code, neither.stderr]).toEqual([64, expect.stringContaining('--preview')]);
    } finally {
      await database.drop();
    }
    // Five CLI runs, each starting on the database like a service does.
  }, 240_000);
});
