import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../../access/actor.js';
import { CalendarService } from '../../calendar/calendar.service.js';
import { currentPeriod } from '../../common/domain/periods.js';
import { Clock } from '../../common/clock.js';
import { fieldError } from '../../common/domain-error.js';
import {
  currentSnapshot,
  takeSnapshot,
  type StoredSnapshot,
} from '../../periods/period-snapshots.js';
import { PeriodCutoffService } from '../../periods/period-cutoff.service.js';
import { ReportPeriod } from '../../periods/report-period.entity.js';
import { buildMonthlyReport, type MonthlyReportOptions } from './monthly-report.builder.js';
import type { MonthlyReportModel } from './monthly-report.model.js';
import type { MonthlySource } from '../../periods/monthly-source.js';
import { readMonthlySource } from '../../periods/monthly-source.reader.js';
import type { ReportText } from '../../periods/report-text.js';
import { effectiveReportText } from '../../periods/report-text.store.js';

/**
 * The monthly report of a period: from its snapshot when the period is locked (so it never
 * changes afterwards), otherwise read from the history as of the period's cut-off instant (or
 * now, before it), so a change after the cut-off never changes it either.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly cutoff: PeriodCutoffService,
  ) {}

  async build(
    period: string,
    options: Pick<MonthlyReportOptions, 'reportNumber' | 'reportDate'> = {},
  ): Promise<MonthlyReportModel> {
    // The appendices' "Kèm theo" line names the period's number and date unless given here.
    const stored = await effectiveReportText(this.dataSource.manager, period);
    const { source, options: built } = await this.read(
      period,
      {
        reportNumber: options.reportNumber ?? stored.reportNumber ?? undefined,
        reportDate: options.reportDate ?? stored.reportDate ?? undefined,
      },
      'data',
    );
    return buildMonthlyReport(source as MonthlySource, built);
  }

  /**
   * What the report's Word or Excel file is made from (by DocumentRenderer, off the event loop):
   * the data build() reads, read the same way, but a locked period's snapshot by its id only —
   * a snapshot never changes, so the process that renders reads it itself, and the API never
   * holds the megabytes of a large province.
   */
  async documentInput(
    period: string,
    options: Pick<MonthlyReportOptions, 'reportNumber' | 'reportDate'> = {},
  ): Promise<{
    source: MonthlySource | { snapshotId: string };
    options: MonthlyReportOptions;
    text: ReportText;
  }> {
    const stored = await effectiveReportText(this.dataSource.manager, period);
    // A number or date given with the request wins over the period's (as before they existed).
    const text: ReportText = {
      reportNumber: options.reportNumber ?? stored.reportNumber,
      reportDate: options.reportDate ?? stored.reportDate,
      symbol: stored.symbol,
      place: stored.place,
      signer: stored.signer,
      distribution: stored.distribution,
      sections: stored.sections,
    };
    const input = await this.read(
      period,
      { reportNumber: text.reportNumber ?? undefined, reportDate: text.reportDate ?? undefined },
      'id',
    );
    return { ...input, text };
  }

  private async read(
    period: string,
    options: Pick<MonthlyReportOptions, 'reportNumber' | 'reportDate'>,
    snapshotAs: 'data' | 'id',
  ): Promise<{ source: MonthlySource | { snapshotId: string }; options: MonthlyReportOptions }> {
    // The lock and the current snapshot in one statement, so they agree.
    const [row] = (await this.dataSource.query(
      `SELECT rp.locked_at IS NOT NULL AS locked, s.id AS snapshot_id
              ${snapshotAs === 'data' ? ', s.data' : ''}
         FROM report_period rp
         LEFT JOIN period_snapshot s ON s.period = rp.period AND s.superseded_at IS NULL
        WHERE rp.period = $1`,
      [period],
    )) as { locked: boolean; snapshot_id: string | null; data?: MonthlySource | null }[];
    if (row?.locked) {
      const snapshot = row.snapshot_id
        ? { id: row.snapshot_id, data: row.data }
        : await this.snapshotLockedPeriod(period);
      if (snapshot) {
        return {
          source: snapshotAs === 'id' ? { snapshotId: snapshot.id } : snapshot.data!,
          options: { ...options, provenance: { kind: 'snapshot', snapshotId: snapshot.id } },
        };
      }
    }
    const now = this.clock.now();
    const current = currentPeriod(now);
    if (period > current) {
      throw fieldError(
        'period',
        `period không được sau ${current}`,
        `Kỳ báo cáo ${period} chưa đến (kỳ hiện tại ${current}).`,
      );
    }
    const calendar = await this.calendars.current();
    const asOf = await this.cutoff.asOf(period, now);
    // One consistent view of the live data for the whole report.
    const source = await this.dataSource.transaction('REPEATABLE READ', (m) =>
      readMonthlySource(m, period, asOf, calendar),
    );
    return { source, options: { ...options, provenance: { kind: 'live', snapshotId: null } } };
  }

  /**
   * A period locked before snapshots existed has none: take it now, once, by the system and
   * audited, so the period's report is frozen from here on. Null if it was unlocked meanwhile.
   */
  private async snapshotLockedPeriod(period: string): Promise<StoredSnapshot | null> {
    const calendar = await this.calendars.current();
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOneOrFail(ReportPeriod, {
        where: { period },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row.lockedAt) return null; // unlocked meanwhile: the live data it is
      const existing = await currentSnapshot(m, period);
      if (existing) return existing;
      const now = this.clock.now();
      const asOf = await this.cutoff.asOf(period, now, m);
      const snapshot = await takeSnapshot(m, period, { takenAt: now, asOf }, calendar, null);
      await this.audit.record(m, SYSTEM_ACTOR, {
        action: 'period.snapshot',
        entityType: 'period',
        entityId: period,
        after: {
          snapshotId: snapshot.id,
          takenAt: now.toISOString(),
          lockedAt: row.lockedAt?.toISOString() ?? null,
          note: 'Kỳ đã chốt trước khi có ảnh chụp số liệu; ảnh chụp lấy ở lần đọc báo cáo đầu tiên.',
        },
      });
      return snapshot;
    });
  }
}
