import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../access/actor.js';
import { Blocker } from '../blockers/blocker.entity.js';
import { OPEN_BLOCKER_STATES } from '../blockers/domain/blocker-enums.js';
import { currentPeriod, previousPeriod } from '../common/domain/periods.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import {
  DomainError,
  fieldError,
  forbidden,
  notFound,
  transitionNotAllowed,
} from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { pageOf, type Page, type PageQuery } from '../common/pagination.js';
import { PilotReport } from '../progress-reports/pilot-report.entity.js';
import { User } from '../users/user.entity.js';
import { checkPilotMove, type PilotMoveRefusal } from '../pilots/domain/pilot-lifecycle.js';
import { PILOT_STATE_LABELS, type PilotState } from '../pilots/domain/pilot-state.js';
import { assertCanWritePilot } from '../pilots/pilot-access.js';
import { PilotStateChange } from '../pilots/pilot-state-change.entity.js';
import { Pilot } from '../pilots/pilot.entity.js';
import type { PilotTransitionDto } from './transition.dto.js';
import type { HistoryEntry } from './pilot.view.js';

@Injectable()
export class PilotLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Moves a pilot along its lifecycle; exactly one of concurrent moves from one version wins. */
  async transition(actor: Actor, number: number, dto: PilotTransitionDto): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const pilot = await m.findOne(Pilot, {
        where: { number },
        lock: { mode: 'pessimistic_write' },
      });
      if (!pilot) throw notFound(`mô hình số ${number}`);
      await assertCanWritePilot(m, actor, pilot);
      assertVersion(pilot, dto.version, `Mô hình số ${number}`);
      const now = this.clock.now();
      const refusal = checkPilotMove(pilot.state, dto.to, {
        role: actor.role,
        reason: dto.reason,
        hasOpenBlocker: await m.existsBy(Blocker, {
          pilotId: pilot.id,
          state: In([...OPEN_BLOCKER_STATES]),
        }),
        hasRecentReport: await this.hasRecentReport(m, pilot.id, now),
      });
      if (refusal) throw refusalError(pilot.state, dto.to, refusal);

      const before = { state: pilot.state, version: pilot.version };
      pilot.state = dto.to;
      pilot.stateChangedAt = now;
      await m.save(pilot);
      await m.insert(PilotStateChange, {
        pilotId: pilot.id,
        fromState: before.state,
        toState: dto.to,
        reason: dto.reason ?? null,
        actorId: actor.id,
        at: now,
      });
      await this.audit.record(m, actor, {
        action: 'pilot.transition',
        entityType: 'pilot',
        entityId: String(number),
        before,
        after: { state: pilot.state, version: pilot.version, reason: dto.reason ?? null },
      });
    });
  }

  async history(number: number, query: PageQuery): Promise<Page<HistoryEntry>> {
    const pilot = await this.dataSource.getRepository(Pilot).findOneBy({ number });
    if (!pilot) throw notFound(`mô hình số ${number}`);
    const [rows, total] = await this.dataSource.getRepository(PilotStateChange).findAndCount({
      where: { pilotId: pilot.id },
      order: { at: 'ASC', id: 'ASC' },
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    });
    const actorIds = [
      ...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null)),
    ];
    const users = actorIds.length
      ? await this.dataSource.getRepository(User).findBy({ id: In(actorIds) })
      : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    return pageOf(
      rows.map((r) => ({
        from: r.fromState,
        to: r.toState,
        reason: r.reason,
        actor: r.actorId ? { id: r.actorId, name: names.get(r.actorId) ?? '' } : null,
        at: r.at.toISOString(),
      })),
      total,
      query,
    );
  }

  private async hasRecentReport(m: EntityManager, pilotId: string, now: Date): Promise<boolean> {
    const current = currentPeriod(now);
    return m.existsBy(PilotReport, { pilotId, period: In([current, previousPeriod(current)]) });
  }
}

function refusalError(from: PilotState, to: PilotState, refusal: PilotMoveRefusal): DomainError {
  const move = `từ "${PILOT_STATE_LABELS[from]}" sang "${PILOT_STATE_LABELS[to]}"`;
  switch (refusal.kind) {
    case 'not-allowed':
      return transitionNotAllowed(
        'PILOT_TRANSITION_NOT_ALLOWED',
        `Không thể chuyển mô hình ${move}. ` +
          (refusal.allowed.length
            ? `Có thể chuyển sang: ${refusal.allowed.map((s) => PILOT_STATE_LABELS[s]).join(', ')}.`
            : 'Không có bước chuyển nào từ trạng thái này.'),
        { from, to, allowed: refusal.allowed },
      );
    case 'reason-required':
      return fieldError(
        'reason',
        'reason không được để trống',
        `Cần nêu lý do khi chuyển mô hình ${move}.`,
      );
    case 'secretariat-only':
      return forbidden(`Chỉ thư ký Tổ công tác được chuyển mô hình ${move}.`);
    case 'guard': {
      const why = [
        refusal.openBlocker ? 'mô hình còn vướng mắc chưa giải quyết' : null,
        refusal.missingReport ? 'chưa có báo cáo tiến độ kỳ này hoặc kỳ trước' : null,
      ].filter(Boolean);
      return transitionNotAllowed(
        'PILOT_TRANSITION_NOT_ALLOWED',
        `Chưa thể hoàn thành mô hình: ${why.join('; ')}.`,
        {
          from,
          to,
          openBlocker: refusal.openBlocker,
          missingReport: refusal.missingReport,
        },
      );
    }
  }
}
