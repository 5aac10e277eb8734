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
import { sqlIn } from '../common/domain/sql-in.js';
import { User } from '../users/user.entity.js';
import { SAVED_FILTER_LISTS, type SavedFilterList } from './domain/saved-filter-rules.js';

/**
 * A user's named filter of a list: the list's query string as it was on screen ("state=QUA_HAN&
 * agency=SYT"), opened again from the list in one click. Each user sees and deletes only their
 * own; a name is used once per user and list (saving it again replaces the query).
 */
@Entity('saved_filter')
@Index('saved_filter_user_list_name_key', ['userId', 'list', 'name'], { unique: true })
@Check('saved_filter_list_valid', sqlIn('list', SAVED_FILTER_LISTS))
export class SavedFilter {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'saved_filter_pkey' })
  id: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: Relation<User>;

  @Column('uuid')
  userId: string;

  @Column('text')
  list: SavedFilterList;

  @Column('text')
  name: string;

  /** The list's query string, its known filters only, without the leading "?". */
  @Column('text')
  query: string;

  @Column('timestamptz')
  createdAt: Date;
}
