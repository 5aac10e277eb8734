import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { fieldError, forbidden, notFound, transitionNotAllowed } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { assertCanWritePilot } from '../pilots/pilot-access.js';
import { Pilot } from '../pilots/pilot.entity.js';
import { BlockerRevision } from './blocker-revision.entity.js';
import { BlockerStateChange } from './blocker-state-change.entity.js';
import { Blocker } from './blocker.entity.js';
import type {
  BlockerReasonDto,
  CreateBlockerDto,
  ResolveBlockerDto,
  UpdateBlockerDto,
} from './blocker.dto.js';
import type { BlockerState } from './domain/blocker-enums.js';
import {
  blockerCommandAllowed,
  blockerCommandsFrom,
  blockerStateAfter,
  blockerWriteRefusal,
  openBlockerState,
  type BlockerCommand,
} from './domain/blocker-lifecycle.js';

const COMMAND_NAMES: Record<BlockerCommand, string> = {
  resolve: 'giải quyết',
  withdraw: 'rút',
  reopen: 'mở lại',
};

@Injectable()
export class BlockerWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateBlockerDto): Promise<string> {
    if ((dto.pilotNumber === undefined) === (dto.topic === undefined)) {
      throw fieldError(
        'pilotNumber',
        'cần đúng một trong pilotNumber hoặc topic',
        'Vướng mắc phải gắn với đúng một mô hình (pilotNumber) hoặc một chủ đề chung (topic).',
      );
    }
    return inTransaction(this.dataSource, async (m) => {
      let pilotId: string | null = null;
      if (dto.pilotNumber !== undefined) {
        const pilot = await m.findOneBy(Pilot, { number: dto.pilotNumber });
        if (!pilot) throw notFound(`mô hình số ${dto.pilotNumber}`);
        await assertCanWritePilot(m, actor, pilot);
        pilotId = pilot.id;
      } else {
        assertSecretariat(
          actor,
          'Chỉ thư ký Tổ công tác được nêu vướng mắc chung (không gắn với mô hình).',
        );
      }
      const blocker = await m.save(
        m.create(Blocker, {
          pilotId,
          topic: dto.topic ?? null,
          title: dto.title,
          description: dto.description,
          category: dto.category,
          authority: dto.authority,
          state: 'OPEN',
          raisedById: actor.id,
        }),
      );
      await recordBlockerMove(m, blocker.id, null, 'OPEN', this.clock.now(), actor);
      await recordBlockerWords(m, blocker, this.clock.now(), authorOf(actor));
      await this.audit.record(m, actor, {
        action: 'blocker.create',
        entityType: 'blocker',
        entityId: blocker.id,
        after: plain(blocker),
      });
      return blocker.id;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateBlockerDto): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const blocker = await this.lockForWrite(m, actor, id);
      assertVersion(blocker, dto.version, 'Vướng mắc');
      if (dto.topic !== undefined && blocker.pilotId !== null) {
        throw fieldError(
          'topic',
          'topic chỉ dành cho vướng mắc chung',
          'Vướng mắc gắn với mô hình không có chủ đề chung.',
        );
      }
      const before = plain(blocker);
      // A blocker raised before its words were kept: its earlier words first, as raised.
      if (!(await m.existsBy(BlockerRevision, { blockerId: id }))) {
        const [{ at }] = (await m.query(
          `SELECT coalesce((SELECT min(h.at) FROM blocker_state_change h WHERE h.blocker_id = $1),
                           $2::timestamptz) AS at`,
          [id, blocker.createdAt],
        )) as { at: Date }[];
        await recordBlockerWords(m, blocker, at, blocker.raisedById);
      }
      Object.assign(blocker, pick(dto, ['topic', 'title', 'description', 'category', 'authority']));
      await m.save(blocker);
      await recordBlockerWords(m, blocker, this.clock.now(), authorOf(actor));
      await this.audit.record(m, actor, {
        action: 'blocker.update',
        entityType: 'blocker',
        entityId: id,
        before,
        after: plain(blocker),
      });
    });
  }

  resolve(actor: Actor, id: string, dto: ResolveBlockerDto): Promise<void> {
    return this.command(actor, id, 'resolve', dto.version, { resolution: dto.resolution });
  }

  withdraw(actor: Actor, id: string, dto: BlockerReasonDto): Promise<void> {
    return this.command(actor, id, 'withdraw', dto.version, { reason: dto.reason });
  }

  reopen(actor: Actor, id: string, dto: BlockerReasonDto): Promise<void> {
    return this.command(actor, id, 'reopen', dto.version, { reason: dto.reason });
  }

  private async command(
    actor: Actor,
    id: string,
    command: BlockerCommand,
    version: number | undefined,
    note: { resolution?: string; reason?: string },
  ): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const blocker = await this.lockForWrite(m, actor, id);
      assertVersion(blocker, version, 'Vướng mắc');
      if (!blockerCommandAllowed(command, blocker.state)) {
        throw transitionNotAllowed(
          'BLOCKER_TRANSITION_NOT_ALLOWED',
          `Không thể ${COMMAND_NAMES[command]} vướng mắc đang ở trạng thái ${blocker.state}.`,
          {
            from: blocker.state,
            command,
            allowed: blockerCommandsFrom(blocker.state),
          },
        );
      }
      const before = plain(blocker);
      blocker.state = blockerStateAfter(command, await coveredBySentLetter(m, blocker.id));
      if (command === 'resolve') {
        blocker.resolution = note.resolution ?? null;
        blocker.resolvedAt = this.clock.now();
      }
      if (command === 'reopen') blocker.resolvedAt = null;
      await m.save(blocker);
      await recordBlockerMove(m, id, before.state, blocker.state, this.clock.now(), actor, {
        note: note.resolution ?? note.reason ?? null,
      });
      await this.audit.record(m, actor, {
        action: `blocker.${command}`,
        entityType: 'blocker',
        entityId: id,
        before,
        after: { ...plain(blocker), ...note },
      });
    });
  }

  /** Reads the blocker FOR UPDATE and checks the actor may write it. */
  private async lockForWrite(m: EntityManager, actor: Actor, id: string): Promise<Blocker> {
    const blocker = await m.findOne(Blocker, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!blocker) throw notFound('vướng mắc');
    if (blocker.pilotId) {
      const pilot = await m.findOneByOrFail(Pilot, { id: blocker.pilotId });
      await assertCanWritePilot(m, actor, pilot);
    } else {
      assertSecretariat(actor, 'Chỉ thư ký Tổ công tác được cập nhật vướng mắc chung.');
    }
    return blocker;
  }
}

/**
 * Reads the blockers FOR UPDATE, always in id order, so two transactions locking overlapping
 * sets queue behind each other instead of deadlocking. Every transaction that writes several
 * blockers, or links a letter to them, takes their locks through here before anything else
 * touches those rows (an inserted link holds a key-share lock on its blocker that a later FOR
 * UPDATE in another transaction would wait on: two such transactions deadlock).
 */
export async function lockBlockers(m: EntityManager, ids: readonly string[]): Promise<Blocker[]> {
  if (ids.length === 0) return [];
  return m.find(Blocker, {
    where: { id: In([...new Set(ids)]) },
    order: { id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
}

/**
 * Writes one move of a blocker's state into its history (blocker_state_change), in the caller's
 * transaction: `from` null when it is raised.
 */
export async function recordBlockerMove(
  m: EntityManager,
  blockerId: string,
  from: BlockerState | null,
  to: BlockerState,
  at: Date,
  actor: Actor,
  options: { note?: string | null } = {},
): Promise<void> {
  await m.insert(BlockerStateChange, {
    blockerId,
    fromState: from,
    toState: to,
    at,
    note: options.note ?? null,
    actorId: actor.email === 'system' ? null : actor.id,
  });
}

/** Keeps a version of the blocker's words, so a period's report reads them as of its cut-off. */
async function recordBlockerWords(
  m: EntityManager,
  b: Blocker,
  at: Date,
  authorId: string | null,
): Promise<void> {
  await m.insert(BlockerRevision, {
    blockerId: b.id,
    topic: b.topic,
    title: b.title,
    description: b.description,
    category: b.category,
    authority: b.authority,
    at,
    authorId,
  });
}

const authorOf = (actor: Actor) => (actor.email === 'system' ? null : actor.id);

/**
 * Brings the blockers in line with their letters: an open blocker is ESCALATED exactly while a
 * SENT recommendation covers it. Called whenever a recommendation changes state, at `at` (the
 * time of that change, which the moves are recorded with).
 */
export async function syncEscalatedBlockers(
  m: EntityManager,
  audit: AuditService,
  actor: Actor,
  blockerIds: string[],
  at: Date,
): Promise<void> {
  const blockers = await lockBlockers(m, blockerIds);
  for (const blocker of blockers) {
    const next = openBlockerState(blocker.state, await coveredBySentLetter(m, blocker.id));
    if (next === blocker.state) continue;
    const before = { state: blocker.state };
    blocker.state = next;
    await m.save(blocker);
    await recordBlockerMove(m, blocker.id, before.state, next, at, actor);
    await audit.record(m, actor, {
      action: next === 'ESCALATED' ? 'blocker.escalate' : 'blocker.deescalate',
      entityType: 'blocker',
      entityId: blocker.id,
      before,
      after: { state: next },
    });
  }
}

async function coveredBySentLetter(m: EntityManager, blockerId: string): Promise<boolean> {
  const rows = await m.query(
    `SELECT 1 FROM recommendation_blocker rb JOIN recommendation r ON r.id = rb.recommendation_id
      WHERE rb.blocker_id = $1 AND r.state = 'SENT' LIMIT 1`,
    [blockerId],
  );
  return rows.length > 0;
}

/** A cross-cutting blocker (no pilot) is written by the secretariat alone (blockerWriteRefusal). */
function assertSecretariat(actor: Actor, message: string): void {
  if (blockerWriteRefusal(actor, null) !== null) throw forbidden(message, { role: actor.role });
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<T> {
  return Object.fromEntries(
    keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]),
  ) as unknown as Partial<T>;
}

function plain(b: Blocker) {
  return {
    pilotId: b.pilotId,
    topic: b.topic,
    title: b.title,
    description: b.description,
    category: b.category,
    authority: b.authority,
    state: b.state,
    resolution: b.resolution,
    version: b.version,
  };
}
