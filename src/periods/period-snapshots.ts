import type { EntityManager } from 'typeorm';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import type { MonthlySource } from './monthly-source.js';
import { readMonthlySource } from './monthly-source.reader.js';

/*
 * The rows of period_snapshot (see PeriodSnapshot), written and read in plain SQL on the
 * caller's manager so that a lock freezes its snapshot inside its own transaction.
 */

export interface StoredSnapshot {
  id: string;
  period: string;
  takenAt: Date;
  takenById: string | null;
  data: MonthlySource;
}

/**
 * Reads the period's data as of `at.asOf` (its cut-off instant, or the time of taking while the
 * period has not reached it: see periodAsOf) and stores it, taken at `at.takenAt`, as the
 * period's current snapshot.
 */
export async function takeSnapshot(
  m: EntityManager,
  period: string,
  at: { takenAt: Date; asOf: Date },
  calendar: WorkingCalendar,
  takenById: string | null,
): Promise<StoredSnapshot> {
  const data = await readMonthlySource(m, period, at.asOf, calendar);
  const [{ id }] = (await m.query(
    `INSERT INTO period_snapshot (period, taken_at, taken_by_id, data)
     VALUES ($1, $2, $3, $4::jsonb) RETURNING id`,
    [period, at.takenAt, takenById, JSON.stringify(data)],
  )) as [{ id: string }];
  return { id, period, takenAt: at.takenAt, takenById, data };
}

/** Marks the period's current snapshot superseded (the row is kept); its id, or null. */
export async function supersedeSnapshot(
  m: EntityManager,
  period: string,
  now: Date,
  byId: string | null,
): Promise<string | null> {
  const rows = (await m.query(
    `UPDATE period_snapshot SET superseded_at = $2, superseded_by_id = $3
      WHERE period = $1 AND superseded_at IS NULL RETURNING id`,
    [period, now, byId],
  )) as [{ id: string }[], number];
  return rows[0][0]?.id ?? null;
}

/** The period's current snapshot, or null. */
export async function currentSnapshot(
  m: EntityManager,
  period: string,
): Promise<StoredSnapshot | null> {
  const [row] = (await m.query(
    `SELECT id, period, taken_at, taken_by_id, data FROM period_snapshot
      WHERE period = $1 AND superseded_at IS NULL`,
    [period],
  )) as {
    id: string;
    period: string;
    taken_at: Date;
    taken_by_id: string | null;
    data: MonthlySource;
  }[];
  return row
    ? {
        id: row.id,
        period: row.period,
        takenAt: row.taken_at,
        takenById: row.taken_by_id,
        data: row.data,
      }
    : null;
}
