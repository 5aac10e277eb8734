import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { assertVersion } from '../common/concurrency.js';
import { vnDate } from '../common/domain/local-time.js';
import { conflict, notFound } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import type { UpdateAdjustmentDto } from './adjustment-corrections.dto.js';
import { CalendarAdjustment } from './calendar-adjustment.entity.js';
import { adjustmentView, CalendarService } from './calendar.service.js';
import type { AdjustmentView } from './calendar.view.js';

/**
 * Corrections of the working calendar (issue 16, item 3): the secretariat corrects or deletes a
 * day's adjustment, with the version it saw, audited (`calendar.update`, `calendar.delete`, before
 * and after) in the same transaction; this process's cached calendar is dropped at once (others
 * see it within CALENDAR_CACHE_MS, as for an addition). A built-in official adjustment may be
 * corrected — it becomes the secretariat's, which start-up never overwrites — but not deleted:
 * start-up would bring it back.
 */
@Injectable()
export class AdjustmentCorrections {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendars: CalendarService,
  ) {}

  async update(actor: Actor, day: string, dto: UpdateAdjustmentDto): Promise<AdjustmentView> {
    assertAllowed(actor, 'calendar.edit');
    const view = await inTransaction(this.dataSource, async (m) => {
      const row = await this.lock(m, day, dto.version);
      const before = adjustmentView(row);
      row.kind = dto.kind ?? row.kind;
      row.reason = dto.reason ?? row.reason;
      row.reference = dto.reference ?? row.reference;
      row.createdById ??= actor.id;
      await m.save(row);
      const after = adjustmentView(await m.findOneByOrFail(CalendarAdjustment, { day }));
      await this.audit.record(m, actor, {
        action: 'calendar.update',
        entityType: 'calendar',
        entityId: day,
        before,
        after,
      });
      return after;
    });
    this.calendars.invalidate();
    return view;
  }

  async remove(actor: Actor, day: string, version: number): Promise<AdjustmentView> {
    assertAllowed(actor, 'calendar.edit');
    const view = await inTransaction(this.dataSource, async (m) => {
      const row = await this.lock(m, day, version);
      const before = adjustmentView(row);
      if (before.builtIn) {
        throw conflict(
          `Ngày ${vnDate(day)} là điều chỉnh chính thức có sẵn (${row.reason}): không xóa được, chỉ sửa được.`,
          { day, existing: before },
        );
      }
      await m.delete(CalendarAdjustment, { day });
      await this.audit.record(m, actor, {
        action: 'calendar.delete',
        entityType: 'calendar',
        entityId: day,
        before,
      });
      return before;
    });
    this.calendars.invalidate();
    return view;
  }

  /** The day's adjustment, read FOR UPDATE, at the version the user saw. */
  private async lock(m: EntityManager, day: string, version: number): Promise<CalendarAdjustment> {
    const row = await m.findOne(CalendarAdjustment, {
      where: { day },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw notFound(`điều chỉnh lịch làm việc của ngày ${vnDate(day)}`);
    assertVersion(row, version, `Điều chỉnh lịch ngày ${vnDate(day)}`);
    return row;
  }
}
