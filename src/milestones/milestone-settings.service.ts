import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { versionConflict } from '../common/domain-error.js';
import { Setting } from '../common/setting.entity.js';
import type { MilestoneSettingsView } from './milestone.view.js';

/** The setting's key; its value is `{ "reminderWorkingDays": 0–30 }`. */
export const MILESTONE_SETTINGS_KEY = 'milestones.reminders';
/** Working days before the due day the owner's officers are reminded, unless set. */
export const DEFAULT_REMINDER_WORKING_DAYS = 5;

/** How early milestone reminders go (secretariat, audited); read anew each time. */
@Injectable()
export class MilestoneSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(m: EntityManager = this.dataSource.manager): Promise<MilestoneSettingsView> {
    const row = await m.getRepository(Setting).findOneBy({ key: MILESTONE_SETTINGS_KEY });
    const days = (row?.value as { reminderWorkingDays?: number } | undefined)?.reminderWorkingDays;
    return {
      reminderWorkingDays: days ?? DEFAULT_REMINDER_WORKING_DAYS,
      version: row?.version ?? 0,
    };
  }

  async replace(actor: Actor, days: number, version: number): Promise<MilestoneSettingsView> {
    assertAllowed(actor, 'policy.edit');
    return this.dataSource.transaction(async (m) => {
      const row = await m.findOne(Setting, {
        where: { key: MILESTONE_SETTINGS_KEY },
        lock: { mode: 'pessimistic_write' },
      });
      const current = row?.version ?? 0;
      if (version !== current) {
        throw versionConflict(
          'Cài đặt nhắc hạn mốc vừa được người khác cập nhật trong lúc bạn đang sửa. Vui lòng xem nội dung mới nhất rồi thử lại.',
          current,
          version,
        );
      }
      const before = await this.current(m);
      const value = { reminderWorkingDays: days };
      const saved = await m.save(
        Setting,
        row
          ? Object.assign(row, { value, updatedById: actor.id })
          : m.create(Setting, { key: MILESTONE_SETTINGS_KEY, value, updatedById: actor.id }),
      );
      await this.audit.record(m, actor, {
        action: 'milestone.settings',
        entityType: 'policy',
        entityId: MILESTONE_SETTINGS_KEY,
        before: { reminderWorkingDays: before.reminderWorkingDays },
        after: value,
      });
      return { reminderWorkingDays: days, version: saved.version };
    });
  }
}
