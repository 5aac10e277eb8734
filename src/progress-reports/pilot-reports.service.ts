import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../access/actor.js';
import { currentPeriod } from '../common/domain/periods.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { fieldError, notFound, versionConflict } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { assertCanWritePilot } from '../pilots/pilot-access.js';
import { Pilot } from '../pilots/pilot.entity.js';
import type { PilotReportDto } from './pilot-report.dto.js';
import { toReportView, type PilotReportView } from './pilot-report.view.js';
import { PilotReportRevision } from './pilot-report-revision.entity.js';
import { PilotReport } from './pilot-report.entity.js';
import { assertPeriodUnlocked, lockedPeriods } from '../periods/period-locks.js';
import { recordPilotMetrics } from '../indicators/pilot-metrics.js';

/** Monthly progress reports, one per pilot and period. */
@Injectable()
export class PilotReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
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
      await assertPeriodUnlocked(m, dto.period);
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
      // The version as filed, for the period's report read as of its cut-off.
      await m.insert(PilotReportRevision, {
        reportId: report.id,
        progress: report.progress,
        metrics: report.metrics,
        at: this.clock.now(),
        authorId: actor.id,
      });
      await recordPilotMetrics(
        m,
        this.audit,
        actor,
        pilot.id,
        dto.period,
        report.metrics,
        this.clock.now(),
      );
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
    const locked = await lockedPeriods(this.dataSource.manager);
    return reports.map((r) => toReportView(r, number, locked.has(r.period)));
  }
}
