import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay } from '../common/domain/local-time.js';
import { currentPeriod } from '../common/domain/periods.js';
import { conflict, fieldError, notFound } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { assertPeriodUnlocked } from '../periods/period-locks.js';
import { Indicator } from './indicator.entity.js';
import type {
  CreateIndicatorDto,
  IndicatorQuery,
  IndicatorValueDto,
  UpdateIndicatorDto,
} from './indicator.dto.js';
import { assertCanWriteIndicator, indicatorOwnersHeld } from './indicator-access.js';
import {
  findIndicator,
  INDICATOR_ORDER,
  INDICATOR_SELECT,
  readValues,
  toIndicatorFacts,
  toIndicatorView,
  type IndicatorRow,
} from './indicator-read.js';
import { writeIndicatorValue } from './indicator-value-writer.js';
import type { IndicatorValueView, IndicatorView } from './indicator.view.js';

/** The catalogue of indicators and their values per period (product.md §3, "Indicator"). */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The catalogue as `actor` sees it: each indicator says whether it is the user's to enter. */
  async list(query: IndicatorQuery, actor: Actor): Promise<IndicatorView[]> {
    const scope = query.scope ?? null;
    const rows = (await this.dataSource.query(
      `${INDICATOR_SELECT}
        WHERE ($1::text IS NULL OR ($1 = 'PROVINCE' AND i.pilot_id IS NULL)
               OR p.number::text = $1)
          AND ($2::boolean IS NULL OR i.active = $2)
        ${INDICATOR_ORDER}`,
      [scope, query.active ?? null],
    )) as IndicatorRow[];
    const held = await this.held(this.dataSource.manager, actor, rows);
    let views = rows.map((r) => toIndicatorView(r, held));
    if (query.history) {
      const all = await readValues(this.dataSource.manager, {
        indicatorIds: rows.map((r) => r.id),
      });
      views = views.map((v) => ({ ...v, history: all.get(v.id) ?? [] }));
    }
    if (!query.period) return views;
    const values = await readValues(this.dataSource.manager, { period: query.period });
    return views.map((v) => ({ ...v, value: values.get(v.id)?.[0] ?? null }));
  }

  async get(code: string, actor: Actor): Promise<IndicatorView> {
    return this.view(
      this.dataSource.manager,
      actor,
      await this.require(this.dataSource.manager, code),
    );
  }

  async create(actor: Actor, dto: CreateIndicatorDto): Promise<IndicatorView> {
    assertAllowed(actor, 'indicators.manage');
    return inTransaction(this.dataSource, async (m) => {
      if (await findIndicator(m, dto.code)) {
        throw conflict(`Đã có chỉ số mã ${dto.code}.`, { field: 'code' });
      }
      const agencyId = await this.agencyId(m, dto.agencyCode);
      const pilotId = dto.pilotNumber === undefined ? null : await this.pilotId(m, dto.pilotNumber);
      const saved = await m.save(
        m.create(Indicator, {
          code: dto.code,
          name: dto.name,
          unit: dto.unit,
          kind: dto.kind,
          pilotId,
          agencyId,
          section: dto.section,
          displayOrder: dto.displayOrder,
          active: dto.active ?? true,
          denominatorMetric: dto.denominatorMetric ?? null,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'indicator.create',
        entityType: 'indicator',
        entityId: saved.code,
        after: { ...dto },
      });
      return this.view(m, actor, (await findIndicator(m, saved.code))!);
    });
  }

  async update(actor: Actor, code: string, dto: UpdateIndicatorDto): Promise<IndicatorView> {
    assertAllowed(actor, 'indicators.manage');
    return inTransaction(this.dataSource, async (m) => {
      const indicator = await m.findOne(Indicator, {
        where: { code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!indicator) throw notFound(`chỉ số ${code}`);
      assertVersion(indicator, dto.version, `Chỉ số ${code}`);
      const before = toIndicatorFacts((await findIndicator(m, code))!);
      if (dto.name !== undefined) indicator.name = dto.name;
      if (dto.unit !== undefined) indicator.unit = dto.unit;
      if (dto.kind !== undefined) indicator.kind = dto.kind;
      if (dto.agencyCode !== undefined) indicator.agencyId = await this.agencyId(m, dto.agencyCode);
      if (dto.section !== undefined) indicator.section = dto.section;
      if (dto.displayOrder !== undefined) indicator.displayOrder = dto.displayOrder;
      if (dto.active !== undefined) indicator.active = dto.active;
      if (dto.denominatorMetric !== undefined) indicator.denominatorMetric = dto.denominatorMetric;
      await m.save(indicator);
      const row = (await findIndicator(m, code))!;
      const after = toIndicatorFacts(row);
      await this.audit.record(m, actor, {
        action: 'indicator.update',
        entityType: 'indicator',
        entityId: code,
        before,
        after,
      });
      return this.view(m, actor, row);
    });
  }

  async values(code: string): Promise<IndicatorValueView[]> {
    const indicator = await this.require(this.dataSource.manager, code);
    const values = await readValues(this.dataSource.manager, { indicatorIds: [indicator.id] });
    return values.get(indicator.id) ?? [];
  }

  /** Enters or corrects the indicator's value for the period (201 when new, 200 when edited). */
  async writeValue(
    actor: Actor,
    code: string,
    dto: IndicatorValueDto,
  ): Promise<{ created: boolean; value: IndicatorValueView }> {
    const now = this.clock.now();
    const current = currentPeriod(now);
    if (dto.period > current) {
      throw fieldError(
        'period',
        `period không được sau ${current}`,
        `Không thể nhập số liệu cho kỳ ${dto.period} chưa đến (kỳ hiện tại ${current}).`,
      );
    }
    return inTransaction(this.dataSource, async (m) => {
      const indicator = await this.require(m, code);
      await assertCanWriteIndicator(
        m,
        actor,
        { code, agencyId: indicator.agency_id },
        indicator.agency_name,
        localDay(now),
      );
      if (!indicator.active) {
        throw conflict(`Chỉ số ${code} đã ngừng theo dõi; không nhập số liệu mới.`);
      }
      const denominator = dto.denominator ?? null;
      if (denominator !== null && indicator.kind !== 'RATIO') {
        throw fieldError('denominator', 'chỉ chỉ số tỷ lệ (RATIO) mới có mẫu số');
      }
      if (indicator.kind === 'PERCENT' && dto.value > 100) {
        throw fieldError('value', 'chỉ số phần trăm tối đa 100');
      }
      if (denominator !== null && dto.value > denominator) {
        throw fieldError('value', 'tử số không được lớn hơn mẫu số');
      }
      await assertPeriodUnlocked(m, dto.period);
      const { created, value } = await writeIndicatorValue(
        m,
        this.audit,
        actor,
        { id: indicator.id, code },
        dto,
        now,
      );
      const views = await readValues(m, { indicatorIds: [indicator.id], period: value.period });
      return { created, value: views.get(indicator.id)![0] };
    });
  }

  /** The owners, of these rows', whose indicators are `actor`'s to enter today. */
  private held(m: EntityManager, actor: Actor, rows: IndicatorRow[]): Promise<Set<string>> {
    return indicatorOwnersHeld(
      m,
      actor,
      rows.map((r) => r.agency_id),
      localDay(this.clock.now()),
    );
  }

  private async view(m: EntityManager, actor: Actor, row: IndicatorRow): Promise<IndicatorView> {
    return toIndicatorView(row, await this.held(m, actor, [row]));
  }

  private async require(m: EntityManager, code: string): Promise<IndicatorRow> {
    const row = await findIndicator(m, code);
    if (!row) throw notFound(`chỉ số ${code}`);
    return row;
  }

  private async agencyId(m: EntityManager, code: string): Promise<string> {
    const [row] = (await m.query(`SELECT id FROM agency WHERE code = $1`, [code])) as {
      id: string;
    }[];
    if (!row) throw fieldError('agencyCode', `không có cơ quan mã ${code}`);
    return row.id;
  }

  private async pilotId(m: EntityManager, number: number): Promise<string> {
    const [row] = (await m.query(`SELECT id FROM pilot WHERE number = $1`, [number])) as {
      id: string;
    }[];
    if (!row) throw fieldError('pilotNumber', `không có mô hình số ${number}`);
    return row.id;
  }
}
