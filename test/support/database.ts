import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { FixedClock } from '../../src/common/clock.js';
import { atLocalTime } from '../../src/common/domain/local-time.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { REORGANISATION_2025_FROM } from '../../src/agencies/succession/reorganisation-2025.js';

export const TEST_PASSWORD = 'demo-pilot-06';

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests with `npm test`');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** A bare database: not even migrated (for tests of start-up and migrations). */
  empty?: boolean;
  /**
   * false: migrated, with the official working calendar, but no December 2023 data and no
   * accounts; tests make what they need with test/support/factories.ts. Default true.
   */
  seed?: boolean;
  /**
   * The day the service's clock says (a frozen clock's): a database started on that side of
   * the 2025 reorganisation, the template started on 15/01/2024 for a day before 1/3/2025 —
   * a database started today is not what a service whose clock says 2024 would find. Default:
   * started today.
   */
  clockDay?: string;
}

/**
 * A database of its own for one test file: a copy of the migrated template with the
 * December 2023 data and demo accounts (started today, or before the 2025 reorganisation for a
 * `clockDay` before it), of the migrated one without them (seed: false), or (empty: true) a bare
 * database.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const kind = options.empty ? 'empty' : options.seed === false ? 'unseeded' : 'db';
  const name = `de_an_06_${kind}_${process.env.TEST_RUN_ID}_${randomBytes(4).toString('hex')}`;
  const template = options.empty
    ? 'template0'
    : options.seed === false
      ? process.env.TEST_MIGRATED_TEMPLATE_DATABASE
      : options.clockDay && options.clockDay < REORGANISATION_2025_FROM
        ? process.env.TEST_TEMPLATE_BEFORE_2025_DATABASE
        : process.env.TEST_TEMPLATE_DATABASE;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    name,
    url: withDatabase(adminUrl(), name),
    drop: async () => {
      // Pools closed a moment ago may still be saying goodbye; killing them makes their clients
      // raise errors nobody listens to. Wait for them (bounded), then insist.
      for (let i = 0; i < 50; i++) {
        const [{ n }] = await adminQuery<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`,
          [name],
        );
        if (n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * A database started fresh on `day` (the service's clock frozen then): the December 2023 data,
 * the 2025 reorganisation when `day` is on or after 1/3/2025, and the demo accounts — what
 * `npm start` makes of an empty database on that day. The shared template is a fresh start on
 * the real today.
 */
export async function createDatabaseStartedOn(day: string): Promise<TestDatabase> {
  const db = await createTestDatabase({ seed: false });
  await prepareDatabase(db.url, {
    seedDemo: true,
    demoPassword: TEST_PASSWORD,
    clock: new FixedClock(atLocalTime(day, '09:00')),
  });
  return db;
}
