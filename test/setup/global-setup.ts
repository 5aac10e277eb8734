import { chmod, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * One PostgreSQL for the whole run: the server at TEST_DATABASE_URL when set, otherwise an
 * embedded one in a temporary directory. Two templates are made once: one only migrated (with
 * the official working calendar, which every started service has), and a copy of it loaded with
 * the December 2023 reference data and the demo accounts — twice: started today (the 2025
 * reorganisation applied with the seed) and started on 15/01/2024 (before it), for the tests
 * whose clock is frozen before 1/3/2025. Each test file clones one of them
 * (CREATE DATABASE … TEMPLATE), which is fast.
 */
export default async function globalSetup(): Promise<void> {
  // argon2id at 64 KiB instead of 19 MiB (src/users/password.ts; never in production): every
  // account the tests make and every sign-in then costs under a millisecond of CPU, not ~35–80 ms.
  // Set before the templates' demo accounts are hashed; the test workers and the service processes
  // the tests start inherit it. PASSWORD_HASH_MEMORY_KIB=19456 runs the tests at the real cost.
  process.env.PASSWORD_HASH_MEMORY_KIB ||= '64';
  // The service processes the tests start wait up to 30 s for a PostgreSQL connection before
  // answering 503 (production: 5 s): two loaded cores are slow, not broken (test/support/app.ts).
  process.env.DATABASE_POOL_TIMEOUT_MS ||= '30000';
  // Jest cannot import our TypeScript sources natively here; tsx's loader can.
  const { register } = await import('tsx/esm/api');
  register();
  const { startEmbeddedPostgres } = await import('../../src/database/embedded-postgres.js');
  const { prepareDatabase } = await import('../../src/database/prepare-database.js');
  const { migrateBullmqSchema } = await import('../../src/queue/queue-backend.js');
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../../src/database/data-source-options.js');
  const { loadOfficialAdjustments } = await import('../../src/calendar/official-adjustments.js');
  const { FixedClock } = await import('../../src/common/clock.js');

  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const base = await mkdtemp(join(tmpdir(), 'de-an-06-test-'));
    await chmod(base, 0o755); // reachable by the postgres user when the tests run as root
    await mkdir(join(base, 'data'), { mode: 0o755 });
    const embedded = await startEmbeddedPostgres({
      dataDir: join(base, 'data', 'pg'),
      database: 'postgres',
    });
    (globalThis as { __embeddedPostgres?: unknown }).__embeddedPostgres = embedded;
    adminUrl = embedded.url;
  }
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const migrated = `de_an_06_mig_${runId}`;
  const template = `de_an_06_tpl_${runId}`;
  const before2025 = `de_an_06_tpl2024_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${migrated} ENCODING 'UTF8' TEMPLATE template0`);
  const migratedUrl = withDatabase(adminUrl, migrated);
  const dataSource = new DataSource({ ...dataSourceOptions(migratedUrl), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.transaction((m) => loadOfficialAdjustments(m));
  } finally {
    await dataSource.destroy();
  }
  await migrateBullmqSchema(migratedUrl);
  await admin.query(`CREATE DATABASE ${template} TEMPLATE ${migrated}`);
  await admin.query(`CREATE DATABASE ${before2025} TEMPLATE ${migrated}`);
  await admin.end();
  // Two databases, loaded side by side (each prepareDatabase locks its own database only).
  await Promise.all([
    prepareDatabase(withDatabase(adminUrl, template), {
      seedDemo: true,
      demoPassword: TEST_PASSWORD,
    }),
    prepareDatabase(withDatabase(adminUrl, before2025), {
      seedDemo: true,
      demoPassword: TEST_PASSWORD,
      clock: new FixedClock(new Date('2024-01-15T09:00:00+07:00')),
    }),
  ]);

  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_TEMPLATE_BEFORE_2025_DATABASE = before2025;
  process.env.TEST_MIGRATED_TEMPLATE_DATABASE = migrated;
  process.env.TEST_RUN_ID = runId;
}

export const TEST_PASSWORD = 'demo-pilot-06';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
