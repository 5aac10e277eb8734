import type { EntityManager } from 'typeorm';
import { periodLocked } from '../common/domain-error.js';
import { ReportPeriod } from './report-period.entity.js';

/**
 * Refuses a write to a locked period. Holds a share lock on the period's row, so a lock being
 * taken waits for the caller's transaction (see PeriodsService.setLocked).
 */
export async function assertPeriodUnlocked(m: EntityManager, period: string): Promise<void> {
  const row = await m.findOne(ReportPeriod, {
    where: { period },
    lock: { mode: 'pessimistic_read' },
  });
  if (row?.lockedAt) {
    throw periodLocked(
      `Kỳ báo cáo ${period} đã chốt số liệu; không thể sửa báo cáo của kỳ này.`,
      period,
    );
  }
}

/** The periods whose data is locked. */
export async function lockedPeriods(m: EntityManager): Promise<Set<string>> {
  return new Set((await m.find(ReportPeriod)).filter((p) => p.lockedAt).map((p) => p.period));
}
