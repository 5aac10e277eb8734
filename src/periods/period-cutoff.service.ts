import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertAllowed, type Actor } from '../access/actor.js';
import { versionConflict } from '../common/domain-error.js';
import { periodAsOf, type Period } from '../common/domain/periods.js';
import { Setting } from '../common/setting.entity.js';
import type { PeriodCutoffView } from './period.view.js';

/** The setting's key; its value is `{ "day": 1–31 | null }`. */
export const PERIOD_CUTOFF_KEY = 'reports.periodCutoffDay';

/**
 * The period cut-off day: a period's report is read as of the end of this day of its month
 * (clamped to the month; null: the end of its last day), in Asia/Ho_Chi_Minh. Read anew each
 * time, never cached.
 */
@Injectable()
export class PeriodCutoffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(m: EntityManager = this.dataSource.manager): Promise<PeriodCutoffView> {
    const row = await m.getRepository(Setting).findOneBy({ key: PERIOD_CUTOFF_KEY });
    const day = (row?.value as { day?: number | null } | undefined)?.day ?? null;
    return { periodCutoffDay: day, version: row?.version ?? 0 };
  }

  /** The instant `period`'s report is read as of at `now` (see periodAsOf). */
  async asOf(period: Period, now: Date, m?: EntityManager): Promise<Date> {
    return periodAsOf(period, now, (await this.current(m)).periodCutoffDay);
  }

  /** Sets the day (secretariat, audited); `version` is the one read (0 for the default). */
  async replace(actor: Actor, day: number | null, version: number): Promise<PeriodCutoffView> {
    assertAllowed(actor, 'periods.lock');
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(Setting, {
        where: { key: PERIOD_CUTOFF_KEY },
        lock: { mode: 'pessimistic_write' },
      });
      const current = row?.version ?? 0;
      if (version !== current) {
        throw versionConflict(
          'Ngày chốt số liệu kỳ báo cáo vừa được người khác cập nhật trong lúc bạn đang sửa. Vui lòng xem nội dung mới nhất rồi thử lại.',
          current,
          version,
        );
      }
      const before = { periodCutoffDay: (row?.value as { day?: number | null })?.day ?? null };
      const saved = await m.save(
        Setting,
        row
          ? Object.assign(row, { value: { day }, updatedById: actor.id })
          : m.create(Setting, { key: PERIOD_CUTOFF_KEY, value: { day }, updatedById: actor.id }),
      );
      await this.audit.record(m, actor, {
        action: 'period.cutoffDay',
        entityType: 'policy',
        entityId: PERIOD_CUTOFF_KEY,
        before,
        after: { periodCutoffDay: day },
      });
      return { periodCutoffDay: day, version: saved.version };
    });
  }
}
