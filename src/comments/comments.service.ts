import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditEntityType } from '../audit/audit-entry.entity.js';
import type { Actor } from '../access/actor.js';
import { can } from '../access/domain/permissions.js';
import { Blocker } from '../blockers/blocker.entity.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { pageOf, type Page, type PageQuery } from '../common/pagination.js';
import { inTransaction } from '../common/transaction-retry.js';
import { Pilot } from '../pilots/pilot.entity.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { Comment } from './comment.entity.js';
import type { CommentView } from './comment.view.js';
import {
  commentActions,
  commentDeleteRefusal,
  commentEditRefusal,
  type CommentTargetType,
} from './domain/comment-rules.js';

/** The object a comment is on, as a route names it: a pilot by number, the others by id. */
export type CommentTargetRef =
  | { type: 'pilot'; number: number }
  | { type: 'blocker'; id: string }
  | { type: 'recommendation'; id: string };

/** The object found: its id, and the audit trail its comments' changes go to. */
interface Target {
  type: CommentTargetType;
  id: string;
  audit: { entityType: AuditEntityType; entityId: string };
}

interface CommentRow {
  id: string;
  pilot_id: string | null;
  blocker_id: string | null;
  recommendation_id: string | null;
  pilot_number: number | null;
  author_id: string;
  author_name: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  version: number;
}

const COMMENT_SELECT = `
  SELECT c.id, c.pilot_id, c.blocker_id, c.recommendation_id, c.author_id, u.name AS author_name,
         c.body, c.created_at, c.edited_at, c.version,
         coalesce(p.number, bp.number) AS pilot_number
    FROM comment c
    JOIN app_user u ON u.id = c.author_id
    LEFT JOIN pilot p ON p.id = c.pilot_id
    LEFT JOIN blocker b ON b.id = c.blocker_id
    LEFT JOIN pilot bp ON bp.id = b.pilot_id`;

const COLUMN: Record<CommentTargetType, string> = {
  pilot: 'pilot_id',
  blocker: 'blocker_id',
  recommendation: 'recommendation_id',
};

/**
 * Comments on pilots, blockers and letters (issue 16, item 5; the rules in
 * domain/comment-rules.ts). Whoever reads the object reads and adds comments — every signed-in
 * user, leadership included; the author edits (with the version read) and deletes their own,
 * the secretariat deletes any. Each change is audited on the object the comment is on
 * (`comment.add`, `comment.edit`, `comment.delete`, with the text before and after), in the
 * change's transaction, so the object's trail (`GET /audit`) and its timeline show it.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The object's comments, oldest first (the order of a conversation). */
  async list(actor: Actor, ref: CommentTargetRef, query: PageQuery): Promise<Page<CommentView>> {
    const target = await findTarget(this.dataSource.manager, ref);
    const where = `c.${COLUMN[target.type]} = $1`;
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `${COMMENT_SELECT} WHERE ${where} ORDER BY c.created_at, c.id LIMIT $2 OFFSET $3`,
        [target.id, query.limit ?? 50, query.offset ?? 0],
      ) as Promise<CommentRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM comment c WHERE ${where}`, [
        target.id,
      ]) as Promise<{ n: number }[]>,
    ]);
    return pageOf(
      rows.map((r) => this.view(actor, r)),
      count[0].n,
      query,
    );
  }

  async add(actor: Actor, ref: CommentTargetRef, body: string): Promise<CommentView> {
    const id = await inTransaction(this.dataSource, async (m) => {
      const target = await findTarget(m, ref);
      const now = this.clock.now();
      const comment = await m.save(
        m.create(Comment, {
          pilotId: target.type === 'pilot' ? target.id : null,
          blockerId: target.type === 'blocker' ? target.id : null,
          recommendationId: target.type === 'recommendation' ? target.id : null,
          authorId: actor.id,
          body,
          editedAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.audit.record(m, actor, {
        action: 'comment.add',
        ...target.audit,
        after: plain(comment),
      });
      return comment.id;
    });
    return this.get(actor, id);
  }

  /** The author's correction: marks the comment edited ("đã sửa"); the same text changes nothing. */
  async edit(actor: Actor, id: string, body: string, version: number): Promise<CommentView> {
    await inTransaction(this.dataSource, async (m) => {
      const comment = await lockComment(m, id);
      if (commentEditRefusal(actor.id, comment.authorId) !== null) {
        throw forbidden('Chỉ người viết bình luận được sửa bình luận đó.', { commentId: id });
      }
      assertVersion(comment, version, 'Bình luận');
      if (comment.body === body) return;
      const before = plain(comment);
      comment.body = body;
      comment.editedAt = this.clock.now();
      await m.save(comment);
      await this.audit.record(m, actor, {
        action: 'comment.edit',
        ...(await auditOf(m, comment)),
        before,
        after: plain(comment),
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const comment = await lockComment(m, id);
      const moderates = can(actor.role, 'comments.moderate');
      if (commentDeleteRefusal(actor.id, comment.authorId, moderates) !== null) {
        throw forbidden('Chỉ người viết bình luận hoặc thư ký Tổ công tác được xóa bình luận đó.', {
          commentId: id,
        });
      }
      const audit = await auditOf(m, comment);
      const before = plain(comment);
      await m.delete(Comment, { id });
      await this.audit.record(m, actor, { action: 'comment.delete', ...audit, before });
    });
  }

  async get(actor: Actor, id: string): Promise<CommentView> {
    const rows = (await this.dataSource.query(`${COMMENT_SELECT} WHERE c.id = $1`, [
      id,
    ])) as CommentRow[];
    if (rows.length === 0) throw notFound('bình luận');
    return this.view(actor, rows[0]);
  }

  private view(actor: Actor, r: CommentRow): CommentView {
    const type: CommentTargetType = r.pilot_id
      ? 'pilot'
      : r.blocker_id
        ? 'blocker'
        : 'recommendation';
    return {
      id: r.id,
      on: {
        type,
        id: (r.pilot_id ?? r.blocker_id ?? r.recommendation_id)!,
        pilotNumber: r.pilot_number,
      },
      author: { id: r.author_id, name: r.author_name },
      body: r.body,
      createdAt: r.created_at.toISOString(),
      editedAt: r.edited_at?.toISOString() ?? null,
      version: r.version,
      ...commentActions(actor, r.author_id, can(actor.role, 'comments.moderate')),
    };
  }
}

async function findTarget(m: EntityManager, ref: CommentTargetRef): Promise<Target> {
  if (ref.type === 'pilot') {
    const pilot = await m.findOneBy(Pilot, { number: ref.number });
    if (!pilot) throw notFound(`mô hình số ${ref.number}`);
    return {
      type: 'pilot',
      id: pilot.id,
      audit: { entityType: 'pilot', entityId: String(pilot.number) },
    };
  }
  if (ref.type === 'blocker') {
    const blocker = await m.findOneBy(Blocker, { id: ref.id });
    if (!blocker) throw notFound('vướng mắc');
    return {
      type: 'blocker',
      id: blocker.id,
      audit: { entityType: 'blocker', entityId: blocker.id },
    };
  }
  const letter = await m.findOneBy(Recommendation, { id: ref.id });
  if (!letter) throw notFound('kiến nghị');
  return {
    type: 'recommendation',
    id: letter.id,
    audit: { entityType: 'recommendation', entityId: letter.id },
  };
}

async function lockComment(m: EntityManager, id: string): Promise<Comment> {
  const comment = await m.findOne(Comment, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!comment) throw notFound('bình luận');
  return comment;
}

/** The trail a comment's changes go to: its object's (a pilot's is keyed by its number). */
async function auditOf(
  m: EntityManager,
  c: Comment,
): Promise<{ entityType: AuditEntityType; entityId: string }> {
  if (c.pilotId) {
    const pilot = await m.findOneByOrFail(Pilot, { id: c.pilotId });
    return { entityType: 'pilot', entityId: String(pilot.number) };
  }
  if (c.blockerId) return { entityType: 'blocker', entityId: c.blockerId };
  return { entityType: 'recommendation', entityId: c.recommendationId! };
}

/** The comment as the trail keeps it. */
function plain(c: Comment) {
  return {
    id: c.id,
    authorId: c.authorId,
    body: c.body,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    version: c.version,
  };
}
