import { chmod, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * One PostgreSQL for the whole run: the server at TEST_DATABASE_URL when set, otherwise an
 * embedded one in a temporary directory. A template database is migrated and loaded with the
 * reference data once; each test file clones it (CREATE DATABASE … TEMPLATE), which is fast.
 */
export default async function globalSetup(): Promise<void> {
  // Jest cannot import our TypeScript sources natively here; tsx's loader can.
  const { register } = await import('tsx/esm/api');
  register();
  const { startEmbeddedPostgres } = await import('../../src/database/embedded-postgres.js');
  const { prepareDatabase } = await import('../../src/database/prepare-database.js');
  const { migrateBullmqSchema } = await import('../../src/queue/queue-backend.js');

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
  const template = `de_an_06_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, template);
  await prepareDatabase(templateUrl, { seedDemo: true, demoPassword: TEST_PASSWORD });
  await migrateBullmqSchema(templateUrl);

  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_RUN_ID = runId;
}

export const TEST_PASSWORD = 'demo-pilot-06';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
