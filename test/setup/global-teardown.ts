import { rmSync } from 'node:fs';
import pg from 'pg';
import { join } from 'node:path';

/** Drops every database this run created, then stops the embedded server if we started one. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const runId = process.env.TEST_RUN_ID;
  if (adminUrl && runId) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`de_an_06_%${runId}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.end();
  }
  // This run's build of the service (test/support/service-build.ts: serviceBuildDir).
  if (runId)
    rmSync(join('node_modules', '.cache', `service-build-${runId}`), {
      recursive: true,
      force: true,
    });
  const embedded = (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } })
    .__embeddedPostgres;
  await embedded?.stop();
}
