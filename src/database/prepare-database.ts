import { DataSource } from 'typeorm';
import { applyReorganisationOnFreshStart } from '../agencies/succession/reorganisation.service.js';
import { realiseDueEvents } from '../agencies/succession/succession-realiser.js';
import { createWorkingCalendar } from '../calendar/domain/vietnamese-calendar.js';
import {
  loadOfficialAdjustments,
  OFFICIAL_ADJUSTMENTS,
  type OfficialLoad,
} from '../calendar/official-adjustments.js';
import { loadDemoAccounts } from '../seed/demo-accounts.js';
import { loadReferenceData, type LoadCounts } from '../seed/reference-data.loader.js';
import { Clock, SystemClock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { dataSourceOptions } from './data-source-options.js';

export interface PreparedDatabase {
  migrationsApplied: string[];
  loaded: LoadCounts;
  /** The built-in calendar adjustments brought to the current table. */
  calendar: OfficialLoad;
  demoAccountsAdded: number;
  /** The 2025 reorganisation applied with the reference data (a fresh start past its day). */
  reorganisationApplied: boolean;
  /** Succession events whose day had come, realised at start-up. */
  successionEventsRealised: number;
}

/** Serialises start-up work across processes starting at once against one database. */
const PREPARE_LOCK = 'de-an-06-tracker:prepare';

/**
 * Brings the database up to date before anything else touches it: migrations, then the
 * December 2023 reference data — on a fresh database whose clock is past 1/3/2025, with the
 * 2025 reorganisation applied —, then (outside production) the demo accounts, and last the
 * succession events whose day has come. `clock` is the service's (tests freeze it).
 */
export async function prepareDatabase(
  url: string,
  options: { seedDemo: boolean; demoPassword: string; clock?: Clock },
): Promise<PreparedDatabase> {
  const today = localDay((options.clock ?? new SystemClock()).now());
  const dataSource = new DataSource({
    ...dataSourceOptions(url),
    extra: { max: 2, application_name: 'de-an-06-prepare' },
  });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [PREPARE_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const { loaded, reorganisationApplied } = await dataSource.transaction(async (m) => {
      const counts = await loadReferenceData(m, createWorkingCalendar(OFFICIAL_ADJUSTMENTS));
      // The pilots are loaded once, into a database that had none: a fresh start.
      const reorganisation = await applyReorganisationOnFreshStart(m, today, counts.pilots > 0);
      return { loaded: counts, reorganisationApplied: reorganisation !== null };
    });
    const calendar = await dataSource.transaction((m) => loadOfficialAdjustments(m));
    const demoAccountsAdded = options.seedDemo
      ? await dataSource.transaction((m) => loadDemoAccounts(m, options.demoPassword, today))
      : 0;
    const realised = await dataSource.transaction((m) => realiseDueEvents(m, today));
    return {
      migrationsApplied: applied.map((m) => m.name),
      loaded,
      calendar,
      demoAccountsAdded,
      reorganisationApplied,
      successionEventsRealised: realised.events.length,
    };
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', [PREPARE_LOCK])
      .catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
