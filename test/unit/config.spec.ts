import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config.js';
import { ConfigError } from '../../src/config/environment.js';
import {
  DEFAULT_PASSWORD_HASH_MEMORY_KIB,
  hashPassword,
  passwordHashMemoryKib,
  verifyPassword,
} from '../../src/users/password.js';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'de-an-06-config-'));
  });

  it('starts with the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      role: 'all',
      seedDemo: true,
      demoPassword: 'demo-pilot-06',
      databaseUrl: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
      mailLeaseSeconds: 300,
      mailRetryFirstSeconds: 30,
      mailRetryHours: 24,
      reconcileEverySeconds: 300,
      escalationCatchUp: true,
      mailGatherSeconds: 0.25,
      mailBatchMaxLetters: 200,
      databasePoolMax: 10,
      databasePoolTimeoutMs: 5000,
      queuePoolMax: 8,
    });
    expect(
      loadConfig({
        DATA_DIR: dataDir,
        DATABASE_POOL_MAX: '4',
        DATABASE_POOL_TIMEOUT_MS: '250',
        QUEUE_POOL_MAX: '3',
      }),
    ).toMatchObject({ databasePoolMax: 4, databasePoolTimeoutMs: 250, queuePoolMax: 3 });
    expect(loadConfig({ DATA_DIR: dataDir, ESCALATION_CATCH_UP: '0' }).escalationCatchUp).toBe(
      false,
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer between 1 and 65535'],
    [{ PORT: '70000' }, 'PORT must be an integer between 1 and 65535'],
    [
      { DATABASE_URL: 'mysql://localhost/x' },
      'DATABASE_URL must be a postgres:// or postgresql:// connection URL',
    ],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ SMTP_URL: 'mail.example.org' }, 'SMTP_URL must be an smtp:// or smtps:// URL'],
    [{ APP_ROLE: 'cron' }, 'APP_ROLE must be one of: api, worker, all'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of: development, production, test'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO must be true or false'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters long'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM must be an address'],
    [
      { RECONCILE_EVERY_SECONDS: '0' },
      'RECONCILE_EVERY_SECONDS must be an integer between 1 and 3600',
    ],
    [{ ESCALATION_CATCH_UP: 'yes' }, 'ESCALATION_CATCH_UP must be 0 or 1'],
    [{ DATABASE_POOL_MAX: '0' }, 'DATABASE_POOL_MAX must be an integer between 1 and 100'],
    [
      { DATABASE_POOL_TIMEOUT_MS: '50' },
      'DATABASE_POOL_TIMEOUT_MS must be an integer between 100 and 60000',
    ],
    [{ QUEUE_POOL_MAX: '2' }, 'QUEUE_POOL_MAX must be an integer between 3 and 100'],
    [
      { MAIL_BATCH_MAX_LETTERS: '0' },
      'MAIL_BATCH_MAX_LETTERS must be an integer between 1 and 2000',
    ],
    [{ MAIL_RETRY_HOURS: '1000' }, 'MAIL_RETRY_HOURS must be an integer between 1 and 168'],
    [
      { MAIL_RETRY_FIRST_SECONDS: '0.5' },
      'MAIL_RETRY_FIRST_SECONDS must be an integer between 1 and 3600',
    ],
    [{ METRICS_TOKEN: 'secret' }, 'METRICS_TOKEN must be at least 32 characters long'],
    [{ METRICS_TOKEN: 'm'.repeat(32), METRICS_PORT: '3000' }, 'METRICS_PORT must differ from PORT'],
    [
      { PASSWORD_HASH_MEMORY_KIB: '4' },
      'PASSWORD_HASH_MEMORY_KIB must be an integer between 8 and 19456',
    ],
  ])('names the variable when %j is invalid', (env, message) => {
    const found = problems({ DATA_DIR: dataDir, ...env });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('lists every bad variable at once', () => {
    const found = problems({ DATA_DIR: dataDir, PORT: 'x', APP_ROLE: 'y', REDIS_URL: 'z' });
    expect(found.map((p) => p.split(' ')[0]).sort()).toEqual(['APP_ROLE', 'PORT', 'REDIS_URL']);
  });

  it('in production requires JWT_SECRET and refuses demo accounts and their password', () => {
    expect(problems({ NODE_ENV: 'production', DATA_DIR: dataDir })).toEqual([
      'JWT_SECRET is required when NODE_ENV=production (at least 32 characters)',
    ]);
    const found = problems({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      SEED_DEMO: 'true',
      DEMO_PASSWORD: 'demo-pilot-06',
    });
    expect(found.join('\n')).toMatch(/SEED_DEMO cannot be true/);
    expect(found.join('\n')).toMatch(/DEMO_PASSWORD must not be set/);
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      DATA_DIR: dataDir,
    });
    expect(config.seedDemo).toBe(false);
  });

  it('outside production generates a JWT secret once, keeps it private in DATA_DIR, and reuses it', async () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect((await readFile(join(dataDir, 'jwt-secret'), 'utf8')).trim()).toBe(first.jwtSecret);
    expect((await stat(join(dataDir, 'jwt-secret'))).mode & 0o077).toBe(0);
  });

  it('hashes passwords with argon2id at 19 MiB, lowered by PASSWORD_HASH_MEMORY_KIB only outside production', async () => {
    expect(DEFAULT_PASSWORD_HASH_MEMORY_KIB).toBe(19_456);
    expect(passwordHashMemoryKib({})).toBe(19_456);
    expect(passwordHashMemoryKib({ PASSWORD_HASH_MEMORY_KIB: '64' })).toBe(64);
    expect(passwordHashMemoryKib({ NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '64' })).toBe(64);
    expect(passwordHashMemoryKib({ NODE_ENV: 'production', PASSWORD_HASH_MEMORY_KIB: '64' })).toBe(
      19_456,
    );
    for (const bad of ['4', '64.5', 'x', '20000'])
      expect(() => passwordHashMemoryKib({ PASSWORD_HASH_MEMORY_KIB: bad })).toThrow(
        'PASSWORD_HASH_MEMORY_KIB must be an integer between 8 and 19456',
      );
    // The tests run with the lowered cost (test/setup/global-setup.ts); a hash records its cost,
    // and verifying follows it.
    const hash = await hashPassword('mật khẩu đủ dài');
    expect(hash).toMatch(
      new RegExp(`^\\$argon2id\\$v=19\\$m=${passwordHashMemoryKib()},t=2,p=1\\$`),
    );
    expect(await verifyPassword(hash, 'mật khẩu đủ dài')).toBe(true);
    expect(await verifyPassword(hash, 'mật khẩu khác')).toBe(false);
  });
});
