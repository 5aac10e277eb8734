import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertAllowed, type Actor } from '../access/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { inTransaction } from '../common/transaction-retry.js';
import { PeriodCutoffService } from './period-cutoff.service.js';
import { supersedeSnapshot, takeSnapshot } from './period-snapshots.js';
import type { PeriodView } from './period.view.js';
import { ReportPeriod } from './report-period.entity.js';
import { freezeReportText } from './report-text.store.js';

/** The report periods and the secretariat's locks on them, each lock with its snapshot. */
@Injectable()
export class PeriodsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
    private readonly cutoff: PeriodCutoffService,
  ) {}

  async periods(): Promise<PeriodView[]> {
    const rows: { period: string; locked_at: Date | null; reports: number }[] =
      await this.dataSource.query(
        `SELECT p.period, rp.locked_at, count(r.id)::int AS reports
         FROM (SELECT period FROM pilot_report UNION SELECT period FROM report_period) p
         LEFT JOIN report_period rp ON rp.period = p.period
         LEFT JOIN pilot_report r ON r.period = p.period
        GROUP BY p.period, rp.locked_at ORDER BY p.period DESC`,
      );
    return rows.map((r) => ({
      period: r.period,
      locked: r.locked_at !== null,
      lockedAt: r.locked_at?.toISOString() ?? null,
      reports: r.reports,
    }));
  }

  /**
   * Locks or unlocks a period (secretariat only, audited). Locking freezes a snapshot of the
   * period's data, read as of its cut-off instant (or now, before it), in the same transaction:
   * the monthly report of a locked period is built from it ever after. Unlocking keeps that
   * snapshot but marks it superseded; the next lock takes a fresh one.
   */
  async setLocked(actor: Actor, period: string, locked: boolean): Promise<PeriodView> {
    assertAllowed(actor, 'periods.lock');
    // The period row exists (committed) before the lock transaction starts, so a report being
    // filed for the period holds its share lock on it and the lock below waits for that report:
    // the snapshot, read after the lock is taken, sees every report the period accepted.
    await this.dataSource.query(
      `INSERT INTO report_period (period) VALUES ($1) ON CONFLICT DO NOTHING`,
      [period],
    );
    const calendar = locked ? await this.calendars.current() : null;
    await inTransaction(this.dataSource, async (m) => {
      const row = await m.findOneOrFail(ReportPeriod, {
        where: { period },
        lock: { mode: 'pessimistic_write' },
      });
      const before = { locked: row.lockedAt !== null };
      if (before.locked === locked) return;
      const now = this.clock.now();
      row.lockedAt = locked ? now : null;
      row.lockedById = locked ? actor.id : null;
      await m.save(row);
      if (locked) {
        const asOf = await this.cutoff.asOf(period, now, m);
        const snapshot = await takeSnapshot(m, period, { takenAt: now, asOf }, calendar!, actor.id);
        // The report's own words are frozen with its data (report-text.store.ts).
        await freezeReportText(m, period, now, actor.id);
        await this.audit.record(m, actor, {
          action: 'period.lock',
          entityType: 'period',
          entityId: period,
          before,
          after: {
            locked,
            snapshotId: snapshot.id,
            takenAt: now.toISOString(),
            asOf: snapshot.data.asOf,
            pilots: snapshot.data.pilots.length,
            openRecommendations: snapshot.data.recommendations.length,
          },
        });
      } else {
        const superseded = await supersedeSnapshot(m, period, now, actor.id);
        await this.audit.record(m, actor, {
          action: 'period.unlock',
          entityType: 'period',
          entityId: period,
          before: { ...before, snapshotId: superseded },
          after: { locked, supersededSnapshotId: superseded },
        });
      }
    });
    return (await this.periods()).find((p) => p.period === period)!;
  }
}
