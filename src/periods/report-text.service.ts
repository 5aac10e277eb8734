import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertAllowed, type Actor } from '../access/actor.js';
import { Clock } from '../common/clock.js';
import { versionConflict } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { assertPeriodUnlocked } from './period-locks.js';
import type { ReportDefaultsDto, ReportTextDto } from './report-text.dto.js';
import {
  effectiveReportText,
  REPORT_DEFAULTS_KEY,
  reportDefaults,
  storedReportText,
  writeReportText,
} from './report-text.store.js';
import type { ReportDefaultsView, ReportTextView } from './report-text.view.js';

/**
 * What the secretariat writes for each period's "BÁO CÁO" (its narrative sections, and the
 * number, date, signer and Nơi nhận when they differ from the settings), and those settings.
 * Everyone who reads the report reads these; only the secretariat writes them, audited, and
 * never once the period is locked (its document is frozen with its snapshot).
 */
@Injectable()
export class ReportTextService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async get(period: string): Promise<ReportTextView> {
    const m = this.dataSource.manager;
    const [lock] = (await m.query(`SELECT locked_at FROM report_period WHERE period = $1`, [
      period,
    ])) as { locked_at: Date | null }[];
    const own = await storedReportText(m, period);
    const effective = await effectiveReportText(m, period);
    const defaults = await reportDefaults(m);
    return {
      period,
      locked: Boolean(lock?.locked_at),
      stored: own !== null,
      carriedFrom: effective.carriedFrom,
      version: own?.version ?? 0,
      reportNumber: own?.reportNumber ?? null,
      reportDate: own?.reportDate ?? null,
      signer: own?.signer ?? null,
      distribution: own?.distribution ?? null,
      sections: { ...effective.sections },
      defaults,
    };
  }

  /** Replaces the period's text (secretariat, audited); 409 when locked or changed meanwhile. */
  async put(actor: Actor, period: string, body: ReportTextDto): Promise<ReportTextView> {
    assertAllowed(actor, 'periods.lock');
    // The period's row exists before the write takes its share lock on it, so a lock being
    // taken waits for this write, and this write waits for a lock being taken (as reports do).
    await this.dataSource.query(
      `INSERT INTO report_period (period) VALUES ($1) ON CONFLICT DO NOTHING`,
      [period],
    );
    await inTransaction(this.dataSource, async (m) => {
      await assertPeriodUnlocked(m, period);
      const before = await storedReportText(m, period, true);
      const current = before?.version ?? 0;
      if (body.version !== current) {
        throw versionConflict(
          `Nội dung báo cáo kỳ ${period} vừa được người khác cập nhật trong lúc bạn đang sửa. Vui lòng xem nội dung mới nhất rồi thử lại.`,
          current,
          body.version,
        );
      }
      const text = {
        reportNumber: body.reportNumber ?? null,
        reportDate: body.reportDate ?? null,
        signer: body.signer ? { ...body.signer } : null,
        distribution: body.distribution ?? null,
        sections: { ...body.sections },
      };
      await writeReportText(m, period, text, this.clock.now(), actor.id);
      await this.audit.record(m, actor, {
        action: 'period.reportText',
        entityType: 'period',
        entityId: period,
        before: before
          ? {
              reportNumber: before.reportNumber,
              reportDate: before.reportDate,
              signer: before.signer,
              distribution: before.distribution,
              sections: before.sections,
            }
          : null,
        after: text,
      });
    });
    return this.get(period);
  }

  defaults(): Promise<ReportDefaultsView> {
    return reportDefaults(this.dataSource.manager);
  }

  /** Sets the report's defaults: ký hiệu, địa danh, signer, Nơi nhận (secretariat, audited). */
  async putDefaults(actor: Actor, body: ReportDefaultsDto): Promise<ReportDefaultsView> {
    assertAllowed(actor, 'periods.lock');
    await inTransaction(this.dataSource, async (m) => {
      const [row] = (await m.query(`SELECT value, version FROM setting WHERE key = $1 FOR UPDATE`, [
        REPORT_DEFAULTS_KEY,
      ])) as { value: unknown; version: number }[];
      const current = row?.version ?? 0;
      if (body.version !== current) {
        throw versionConflict(
          'Cài đặt mặc định của báo cáo tháng vừa được người khác cập nhật. Vui lòng xem nội dung mới nhất rồi thử lại.',
          current,
          body.version,
        );
      }
      const before = await reportDefaults(m);
      const value = {
        symbol: body.symbol ?? before.symbol,
        place: body.place ?? before.place,
        signer: { ...body.signer },
        distribution: body.distribution,
      };
      await m.query(
        `INSERT INTO setting (key, value, updated_by_id, version, updated_at)
         VALUES ($1, $2::jsonb, $3, 1, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value,
           updated_by_id = EXCLUDED.updated_by_id, version = setting.version + 1, updated_at = now()`,
        [REPORT_DEFAULTS_KEY, JSON.stringify(value), actor.id],
      );
      await this.audit.record(m, actor, {
        action: 'report.documentDefaults',
        entityType: 'policy',
        entityId: REPORT_DEFAULTS_KEY,
        before: {
          symbol: before.symbol,
          place: before.place,
          signer: before.signer,
          distribution: before.distribution,
        },
        after: value,
      });
    });
    return this.defaults();
  }
}
