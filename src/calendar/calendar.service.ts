import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { conflict, fieldError } from '../common/domain-error.js';
import { CalendarAdjustment, type AdjustmentKind } from './calendar-adjustment.entity.js';
import {
  createWorkingCalendar,
  yearsWithoutOfficialTet,
  type VietnameseWorkingCalendar,
} from './domain/vietnamese-calendar.js';
import { nextDay, type WorkingCalendar } from './domain/working-days.js';
import { DAY_MS, localDay, vnDate, type LocalDay } from '../common/domain/local-time.js';
import { MAX_RANGE_DAYS } from './calendar.query.js';
import type {
  AdjustmentView,
  CalendarDayView,
  CalendarStatusView,
  WorkingDaysView,
} from './calendar.view.js';
import { OFFICIAL_YEARS } from './official-adjustments.js';
import { Clock } from '../common/clock.js';

/** How long a process keeps the calendar it built before reading calendar_adjustment again. */
export const CALENDAR_CACHE_MS = 60_000;

/** From this day of the year (MM-DD), next year's Tết is checked too. */
const NEXT_YEAR_CHECKED_FROM = '10-01';

export interface NewAdjustment {
  day: LocalDay;
  kind: AdjustmentKind;
  reason: string;
  reference?: string | null;
}

/** The calendar in force and the adjustment rows it was built from, read together. */
export interface CalendarSnapshot {
  calendar: VietnameseWorkingCalendar;
  adjustments: ReadonlyMap<LocalDay, AdjustmentView>;
}

/**
 * The working calendar in force: weekends, the public holidays of `date-holidays` and the
 * rows of calendar_adjustment (the official per-year adjustments loaded at start-up and those
 * the secretariat adds). Every due date, overdue count and fire time goes through current().
 */
@Injectable()
export class CalendarService {
  /**
   * Cached per process for CALENDAR_CACHE_MS. An adjustment added through this process drops
   * the cache at once; other processes (several API and worker processes may run against one
   * database) see it when their own cache expires, so at most 60 seconds later.
   */
  private cache: { expiresAt: number; snapshot: Promise<CalendarSnapshot> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Whether this year's Tết — and from 1 October, when due dates start to reach into it, next
   * year's — has its official adjustments: the built-in table covers it, or some adjustment
   * lies within ten days of its Giao thừa. Until then the calendar knows only the library's
   * five days, and due dates across Tết may come out early.
   */
  async status(): Promise<CalendarStatusView> {
    const today = localDay(this.clock.now());
    const year = Number(today.slice(0, 4));
    const checkedYears = today.slice(5) >= NEXT_YEAR_CHECKED_FROM ? [year, year + 1] : [year];
    const { adjustments } = await this.snapshot();
    const missing = yearsWithoutOfficialTet(checkedYears, [...adjustments.keys()], OFFICIAL_YEARS);
    return {
      checkedYears,
      missingOfficialTet: missing,
      warnings: missing.map(
        (y) =>
          `Chưa có lịch nghỉ Tết Nguyên đán ${y} chính thức: hạn trả lời rơi vào dịp Tết có thể bị ` +
          `tính sớm. Thêm các ngày nghỉ (và ngày làm bù) theo thông báo của Văn phòng Chính phủ / ` +
          `Bộ Nội vụ tại Cài đặt › Lịch làm việc.`,
      ),
    };
  }

  async current(): Promise<WorkingCalendar> {
    return (await this.snapshot()).calendar;
  }

  snapshot(): Promise<CalendarSnapshot> {
    const now = Date.now();
    if (this.cache && this.cache.expiresAt > now) return this.cache.snapshot;
    const entry = { expiresAt: now + CALENDAR_CACHE_MS, snapshot: this.build() };
    this.cache = entry;
    entry.snapshot.catch(() => {
      if (this.cache === entry) this.cache = null; // do not keep a failed read for a minute
    });
    return entry.snapshot;
  }

  /** Forget the cached calendar, so the next current() reads calendar_adjustment again. */
  invalidate(): void {
    this.cache = null;
  }

  /** Each day from `from` to `to` (both included, at most MAX_RANGE_DAYS) and why it is or is not a working day. */
  async workingDays(from: LocalDay, to: LocalDay): Promise<WorkingDaysView> {
    if (to < from)
      throw fieldError('to', `to (${vnDate(to)}) không được trước from (${vnDate(from)}).`);
    const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (span > MAX_RANGE_DAYS)
      throw fieldError(
        'to',
        `Khoảng từ from đến to tối đa ${MAX_RANGE_DAYS} ngày (đang là ${span} ngày).`,
      );
    const { calendar, adjustments } = await this.snapshot();
    const days: CalendarDayView[] = [];
    for (let day = from; day <= to; day = nextDay(day)) {
      const adjustment = adjustments.get(day);
      days.push({
        ...calendar.describeDay(day),
        adjustment: adjustment
          ? { kind: adjustment.kind, reason: adjustment.reason, reference: adjustment.reference }
          : null,
      });
    }
    return { from, to, workingDays: days.filter((d) => d.working).length, days };
  }

  async adjustmentsOfYear(year: number): Promise<AdjustmentView[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(CalendarAdjustment, 'a')
      .where('a.day BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('a.day')
      .getMany();
    return rows.map(adjustmentView);
  }

  /**
   * Adds an adjustment for a day that has none (409 CONFLICT otherwise), with its audit entry
   * in the same transaction, then drops this process's cached calendar.
   */
  async addAdjustment(actor: Actor, input: NewAdjustment): Promise<AdjustmentView> {
    assertAllowed(actor, 'calendar.edit');
    const view = await this.dataSource.transaction(async (m: EntityManager) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO calendar_adjustment (day, kind, reason, reference, created_by_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (day) DO NOTHING
         RETURNING day`,
        [input.day, input.kind, input.reason, input.reference ?? null, actor.id],
      );
      if (inserted.length === 0) {
        const existing = await m.findOneByOrFail(CalendarAdjustment, { day: input.day });
        throw conflict(
          `Ngày ${vnDate(input.day)} đã có điều chỉnh lịch làm việc (${existing.reason}).`,
          { day: input.day, existing: adjustmentView(existing) },
        );
      }
      const after = adjustmentView(await m.findOneByOrFail(CalendarAdjustment, { day: input.day }));
      await this.audit.record(m, actor, {
        action: 'calendar.adjust',
        entityType: 'calendar',
        entityId: input.day,
        after,
      });
      return after;
    });
    this.invalidate();
    return view;
  }

  private async build(): Promise<CalendarSnapshot> {
    const rows = await this.dataSource.manager.find(CalendarAdjustment, { order: { day: 'ASC' } });
    const views = rows.map(adjustmentView);
    return {
      calendar: createWorkingCalendar(views),
      adjustments: new Map(views.map((a) => [a.day, a])),
    };
  }
}

export function adjustmentView(a: CalendarAdjustment): AdjustmentView {
  return {
    day: a.day,
    kind: a.kind,
    reason: a.reason,
    reference: a.reference,
    createdById: a.createdById,
    createdAt: a.createdAt,
    version: a.version,
    builtIn: a.createdById === null,
  };
}
