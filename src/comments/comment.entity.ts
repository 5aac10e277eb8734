import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';
import { Blocker } from '../blockers/blocker.entity.js';
import { VersionedEntity } from '../common/versioned.entity.js';
import { Pilot } from '../pilots/pilot.entity.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A comment on exactly one pilot, blocker or letter: who wrote it, when, the text as written
 * (NFC), and when it was last edited (the "đã sửa" mark). One foreign key per kind of object,
 * so the database keeps each comment on an object that exists. Deleting a comment deletes the
 * row; the audit trail of its object keeps the text (comment.delete).
 */
@Entity('comment')
@Index('comment_pilot_id_idx', ['pilotId', 'createdAt'])
@Index('comment_blocker_id_idx', ['blockerId', 'createdAt'])
@Index('comment_recommendation_id_idx', ['recommendationId', 'createdAt'])
@Check('comment_one_target', `num_nonnulls(pilot_id, blocker_id, recommendation_id) = 1`)
@Check('comment_body_length', `char_length(body) BETWEEN 1 AND 4000`)
export class Comment extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Pilot, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pilot_id' })
  pilot: Relation<Pilot | null>;

  @Column('uuid', { nullable: true })
  pilotId: string | null;

  @ManyToOne(() => Blocker, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'blocker_id' })
  blocker: Relation<Blocker | null>;

  @Column('uuid', { nullable: true })
  blockerId: string | null;

  @ManyToOne(() => Recommendation, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation: Relation<Recommendation | null>;

  @Column('uuid', { nullable: true })
  recommendationId: string | null;

  /** Only people comment; an account that commented cannot be deleted (RESTRICT). */
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author: Relation<User>;

  @Column('uuid')
  authorId: string;

  @Column('text')
  body: string;

  /** When the text was last changed by its author; null while never edited. */
  @Column('timestamptz', { nullable: true })
  editedAt: Date | null;
}
