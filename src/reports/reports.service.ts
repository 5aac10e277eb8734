import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertRole, type Actor } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { currentPeriod } from '../common/domain/periods.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { fieldError, notFound, periodLocked, versionConflict } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { assertCanWritePilot } from '../pilots/pilot-access.js';
import { Pilot } from '../pilots/pilot.entity.js';
import type { PilotReportDto } from './report.dto.js';
import { toReportView, type PilotReportView } from './report.view.js';
import { PilotReport } from './pilot-report.entity.js';
import { ReportPeriod } from './report-period.entity.js';
import { supersedeSnapshot, takeSnapshot } from './period-snapshots.js';

export interface PeriodView {
  period: string;
  locked: boolean;
  lockedAt: string | null;
  reports: number;
}

/** Monthly progress reports, one per pilot and period, and the secretariat's period locks. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
  ) {}

  /** Creates or edits the pilot's report for the period; the newest report is the pilot's progress. */
  async upsert(
    actor: Actor,
    number: number,
    dto: PilotReportDto,
  ): Promise<{ created: boolean; report: PilotReportView }> {
    const current = currentPeriod(this.clock.now());
    if (dto.period > current) {
      throw fieldError(
        'period',
        `period không được sau ${current}`,
        `Không thể báo cáo cho kỳ ${dto.period} chưa đến (kỳ hiện tại ${current}).`,
      );
    }
    return inTransaction(this.dataSource, async (m) => {
      const pilot = await m.findOne(Pilot, {
        where: { number },
        lock: { mode: 'pessimistic_write' },
      });
      if (!pilot) throw notFound(`mô hình số ${number}`);
      await assertCanWritePilot(m, actor, pilot);
      await this.assertUnlocked(m, dto.period);
      const existing = await m.findOne(PilotReport, {
        where: { pilotId: pilot.id, period: dto.period },
        lock: { mode: 'pessimistic_write' },
      });
      let report: PilotReport;
      if (existing) {
        assertVersion(existing, dto.version, `Báo cáo kỳ ${dto.period} của mô hình số ${number}`);
        const before = {
          progress: existing.progress,
          metrics: existing.metrics,
          version: existing.version,
        };
        existing.progress = dto.progress;
        existing.metrics = dto.metrics ?? null;
        existing.authorId = actor.id;
        report = await m.save(existing);
        await this.audit.record(m, actor, {
          action: 'report.update',
          entityType: 'report',
          entityId: report.id,
          before,
          after: {
            pilotNumber: number,
            period: dto.period,
            progress: report.progress,
            metrics: report.metrics,
            version: report.version,
          },
        });
      } else {
        if (dto.version !== undefined && dto.version > 0) {
          throw versionConflict(
            `Mô hình số ${number} chưa có báo cáo kỳ ${dto.period} để sửa. Vui lòng tải lại rồi thử lại.`,
            0,
            dto.version,
          );
        }
        report = await m.save(
          m.create(PilotReport, {
            pilotId: pilot.id,
            period: dto.period,
            progress: dto.progress,
            metrics: dto.metrics ?? null,
            authorId: actor.id,
          }),
        );
        await this.audit.record(m, actor, {
          action: 'report.create',
          entityType: 'report',
          entityId: report.id,
          after: {
            pilotNumber: number,
            period: dto.period,
            progress: report.progress,
            metrics: report.metrics,
          },
        });
      }
      const newest = await m.findOne(PilotReport, {
        where: { pilotId: pilot.id },
        order: { period: 'DESC' },
      });
      if (newest?.id === report.id) {
        // Progress follows the newest report; it is not a user edit of the pilot, so no version bump.
        await m.query(`UPDATE pilot SET progress = $2, updated_at = now() WHERE id = $1`, [
          pilot.id,
          report.progress,
        ]);
      }
      const full = await m.findOneOrFail(PilotReport, {
        where: { id: report.id },
        relations: { author: true },
      });
      return { created: !existing, report: toReportView(full, number, false) };
    });
  }

  async list(number: number): Promise<PilotReportView[]> {
    const pilot = await this.dataSource.getRepository(Pilot).findOneBy({ number });
    if (!pilot) throw notFound(`mô hình số ${number}`);
    const reports = await this.dataSource.getRepository(PilotReport).find({
      where: { pilotId: pilot.id },
      relations: { author: true },
      order: { period: 'DESC' },
    });
    const locked = new Set(
      (await this.dataSource.getRepository(ReportPeriod).find())
        .filter((p) => p.lockedAt)
        .map((p) => p.period),
    );
    return reports.map((r) => toReportView(r, number, locked.has(r.period)));
  }

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
   * period's data in the same transaction: the monthly report of a locked period is built from
   * it ever after. Unlocking keeps that snapshot but marks it superseded; the next lock takes a
   * fresh one.
   */
  async setLocked(actor: Actor, period: string, locked: boolean): Promise<PeriodView> {
    assertRole(actor, 'SECRETARIAT');
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
        const snapshot = await takeSnapshot(m, period, now, calendar!, actor.id);
        await this.audit.record(m, actor, {
          action: 'period.lock',
          entityType: 'period',
          entityId: period,
          before,
          after: {
            locked,
            snapshotId: snapshot.id,
            takenAt: now.toISOString(),
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

  private async assertUnlocked(m: EntityManager, period: string): Promise<void> {
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
}
