import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Agency } from '../agencies/agency.entity.js';
import { assertAgenciesExistOn } from '../agencies/succession/current-agencies.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay } from '../common/domain/local-time.js';
import { conflict, fieldError, notFound } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';
import { Pilot } from '../pilots/pilot.entity.js';
import {
  milestoneCommandsFrom,
  parseDue,
  type Due,
  type MilestoneCommand,
} from './domain/milestone.js';
import { assertCanWriteMilestone } from './milestone-access.js';
import { MilestoneRevision } from './milestone-revision.entity.js';
import { Milestone } from './milestone.entity.js';
import type {
  CompleteMilestoneDto,
  CreateMilestoneDto,
  DropMilestoneDto,
  UpdateMilestoneDto,
} from './milestone.dto.js';

const COMMAND_NAMES: Record<MilestoneCommand, string> = {
  complete: 'đánh dấu hoàn thành',
  drop: 'bỏ',
};

/** Creating, editing, completing and dropping milestones: each write audited and kept in history. */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateMilestoneDto): Promise<string> {
    const due = dueOf(dto.due);
    return inTransaction(this.dataSource, async (m) => {
      const pilot = await m.findOneBy(Pilot, { number: dto.pilotNumber });
      if (!pilot) throw notFound(`mô hình số ${dto.pilotNumber}`);
      const ownerAgencyId = dto.ownerAgencyCode
        ? await this.ownerOf(m, dto.ownerAgencyCode)
        : await primaryLeadAgencyOf(m, pilot);
      await assertCanWriteMilestone(m, actor, {
        pilotId: pilot.id,
        pilotNumber: pilot.number,
        ownerAgencyId,
        today: localDay(this.clock.now()),
      });
      const milestone = await m.save(
        m.create(Milestone, {
          pilotId: pilot.id,
          name: dto.name,
          note: dto.note ?? null,
          ...dueColumns(due),
          ownerAgencyId,
          state: 'PLANNED',
          doneOn: null,
          dropReason: null,
          createdById: actor.email === 'system' ? null : actor.id,
        }),
      );
      await recordMilestoneRevision(m, milestone, this.clock.now(), actor);
      await this.audit.record(m, actor, {
        action: 'milestone.create',
        entityType: 'milestone',
        entityId: milestone.id,
        after: plain(milestone),
      });
      return milestone.id;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateMilestoneDto): Promise<void> {
    const due = dto.due === undefined ? undefined : dueOf(dto.due);
    await inTransaction(this.dataSource, async (m) => {
      const milestone = await this.lockForWrite(m, actor, id);
      assertVersion(milestone, dto.version, 'Mốc');
      const before = plain(milestone);
      if (dto.name !== undefined) milestone.name = dto.name;
      if (dto.note !== undefined) milestone.note = dto.note;
      if (due) Object.assign(milestone, dueColumns(due));
      if (dto.ownerAgencyCode !== undefined) {
        const owner = await agencyOf(m, dto.ownerAgencyCode);
        // Kept as it is, a gone owner stays (its duties' holder is reminded); a new one exists today.
        if (owner.id !== milestone.ownerAgencyId)
          milestone.ownerAgencyId = await this.ownerOf(m, owner.code);
      }
      await m.save(milestone);
      await recordMilestoneRevision(m, milestone, this.clock.now(), actor);
      await this.audit.record(m, actor, {
        action: 'milestone.update',
        entityType: 'milestone',
        entityId: id,
        before,
        after: plain(milestone),
      });
    });
  }

  async complete(actor: Actor, id: string, dto: CompleteMilestoneDto): Promise<void> {
    if (dto.doneOn > localDay(this.clock.now())) {
      throw fieldError(
        'doneOn',
        'ngày hoàn thành không được sau hôm nay',
        'Ngày hoàn thành không được sau hôm nay.',
      );
    }
    await this.command(actor, id, 'complete', dto.version, (ms) => {
      ms.state = 'DONE';
      ms.doneOn = dto.doneOn;
    });
  }

  async drop(actor: Actor, id: string, dto: DropMilestoneDto): Promise<void> {
    await this.command(actor, id, 'drop', dto.version, (ms) => {
      ms.state = 'DROPPED';
      ms.dropReason = dto.reason;
    });
  }

  private async command(
    actor: Actor,
    id: string,
    command: MilestoneCommand,
    version: number | undefined,
    apply: (milestone: Milestone) => void,
  ): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const milestone = await this.lockForWrite(m, actor, id);
      assertVersion(milestone, version, 'Mốc');
      const allowed = milestoneCommandsFrom(milestone.state);
      if (!allowed.includes(command)) {
        throw conflict(
          `Không thể ${COMMAND_NAMES[command]} mốc đang ở trạng thái ${milestone.state}.`,
          { from: milestone.state, command, allowed },
        );
      }
      const before = plain(milestone);
      apply(milestone);
      await m.save(milestone);
      await recordMilestoneRevision(m, milestone, this.clock.now(), actor);
      await this.audit.record(m, actor, {
        action: `milestone.${command}`,
        entityType: 'milestone',
        entityId: id,
        before,
        after: plain(milestone),
      });
    });
  }

  /**
   * The id of the agency `code` names as a milestone's new owner: one that exists today (a
   * merged or renamed one is refused, naming whoever holds its duties now).
   */
  private async ownerOf(m: EntityManager, code: string): Promise<string> {
    const agency = await agencyOf(m, code);
    await assertAgenciesExistOn(m, [agency], localDay(this.clock.now()), 'ownerAgencyCode');
    return agency.id;
  }

  /** Reads the milestone FOR UPDATE and checks the actor may write it. */
  private async lockForWrite(m: EntityManager, actor: Actor, id: string): Promise<Milestone> {
    const milestone = await m.findOne(Milestone, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!milestone) throw notFound('mốc');
    const pilot = await m.findOneByOrFail(Pilot, { id: milestone.pilotId });
    await assertCanWriteMilestone(m, actor, {
      pilotId: pilot.id,
      pilotNumber: pilot.number,
      ownerAgencyId: milestone.ownerAgencyId,
      today: localDay(this.clock.now()),
    });
    return milestone;
  }
}

/**
 * Writes the milestone as it now stands into its history (milestone_revision), in the caller's
 * transaction, at `at`.
 */
export async function recordMilestoneRevision(
  m: EntityManager,
  milestone: Milestone,
  at: Date,
  actor: Actor,
): Promise<void> {
  await m.insert(MilestoneRevision, {
    milestoneId: milestone.id,
    at,
    name: milestone.name,
    dueText: milestone.dueText,
    duePrecision: milestone.duePrecision,
    dueOn: milestone.dueOn,
    ownerAgencyId: milestone.ownerAgencyId,
    state: milestone.state,
    doneOn: milestone.doneOn,
    dropReason: milestone.dropReason,
    actorId: actor.email === 'system' ? null : actor.id,
  });
}

function dueOf(text: string): Due {
  const due = parseDue(text);
  if (!due) throw fieldError('due', `ngày ${text} không tồn tại`);
  return due;
}

export const dueColumns = (due: Due) => ({
  dueText: due.text,
  duePrecision: due.precision,
  dueOn: due.dueOn,
});

async function agencyOf(m: EntityManager, code: string): Promise<Agency> {
  const agency = await m.findOneBy(Agency, { code });
  if (!agency) throw fieldError('ownerAgencyCode', `không có cơ quan mã ${code}`);
  return agency;
}

/** The pilot's first current lead agency: a milestone's owner unless said otherwise. */
async function primaryLeadAgencyOf(m: EntityManager, pilot: Pilot): Promise<string> {
  const [row] = (await m.query(
    `SELECT l.agency_id FROM pilot_lead_agency l
      WHERE l.pilot_id = $1 AND ${currentLeadAgencySql('l')} ORDER BY l.position LIMIT 1`,
    [pilot.id],
  )) as { agency_id: string }[];
  if (!row) {
    throw fieldError(
      'ownerAgencyCode',
      'mô hình chưa có đơn vị chủ trì: cần chỉ rõ đơn vị chịu trách nhiệm',
    );
  }
  return row.agency_id;
}

function plain(ms: Milestone) {
  return {
    pilotId: ms.pilotId,
    name: ms.name,
    note: ms.note,
    due: ms.dueText,
    dueOn: ms.dueOn,
    ownerAgencyId: ms.ownerAgencyId,
    state: ms.state,
    doneOn: ms.doneOn,
    dropReason: ms.dropReason,
    version: ms.version,
  };
}
