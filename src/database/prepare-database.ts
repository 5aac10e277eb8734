import { DataSource } from 'typeorm';
import { createWorkingCalendar } from '../calendar/domain/vietnamese-calendar.js';
import {
  loadOfficialAdjustments,
  OFFICIAL_ADJUSTMENTS,
  type OfficialLoad,
} from '../calendar/official-adjustments.js';
import { loadDemoAccounts } from '../seed/demo-accounts.js';
import { loadReferenceData, type LoadCounts } from '../seed/reference-data.loader.js';
import { dataSourceOptions } from './data-source-options.js';

export interface PreparedDatabase {
  migrationsApplied: string[];
  loaded: LoadCounts;
  /** The built-in calendar adjustments brought to the current table. */
  calendar: OfficialLoad;
  demoAccountsAdded: number;
}

/** Serialises start-up work across processes starting at once against one database. */
const PREPARE_LOCK = 'de-an-06-tracker:prepare';

/**
 * Brings the database up to date before anything else touches it: migrations, then the
 * December 2023 reference data, then (outside production) the demo accounts.
 */
export async function prepareDatabase(
  url: string,
  options: { seedDemo: boolean; demoPassword: string },
): Promise<PreparedDatabase> {
  const dataSource = new DataSource({ ...dataSourceOptions(url), extra: { max: 2 } });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [PREPARE_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const loaded = await dataSource.transaction((m) =>
      loadReferenceData(m, createWorkingCalendar(OFFICIAL_ADJUSTMENTS)),
    );
    const calendar = await dataSource.transaction((m) => loadOfficialAdjustments(m));
    const demoAccountsAdded = options.seedDemo
      ? await dataSource.transaction((m) => loadDemoAccounts(m, options.demoPassword))
      : 0;
    return {
      migrationsApplied: applied.map((m) => m.name),
      loaded,
      calendar,
      demoAccountsAdded,
    };
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', [PREPARE_LOCK])
      .catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
