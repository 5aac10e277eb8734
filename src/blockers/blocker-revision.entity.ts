import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { ByUser } from '../users/by-user.js';
import { User } from '../users/user.entity.js';
import { Blocker } from './blocker.entity.js';
import type { BlockerAuthority, BlockerCategory } from './domain/blocker-enums.js';

/**
 * One version of a blocker's words (topic, title, description, category, authority), written in
 * the transaction that raises or edits it. A period's report reads a blocker as it was worded at
 * its cut-off from here: the last revision at or before it (revisions at one instant ordered by
 * `id`). A blocker without revisions (loaded, or raised before they were kept) reads as it
 * stands; its first edit keeps its earlier words first, dated when it was raised.
 */
@Entity('blocker_revision')
@Index('blocker_revision_blocker_id_at_idx', ['blockerId', 'at'])
export class BlockerRevision {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Blocker, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blocker_id' })
  blocker: Relation<Blocker>;

  @Column('uuid')
  blockerId: string;

  @Column('text', { nullable: true })
  topic: string | null;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('text')
  category: BlockerCategory;

  @Column('text')
  authority: BlockerAuthority;

  @Column('timestamptz')
  at: Date;

  @ByUser()
  author: Relation<User | null>;

  @Column('uuid', { nullable: true })
  authorId: string | null;
}
