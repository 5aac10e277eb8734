import { JoinColumn, ManyToOne } from 'typeorm';
import { User } from './user.entity.js';

/**
 * The account that did something to a row (raised it, wrote it, locked it): a relation to User
 * through the column `<property>_id`, null where the system did it, and an account that did
 * something cannot be deleted (RESTRICT). The id column is declared beside it (`raisedById`).
 */
export function ByUser(): PropertyDecorator {
  const relation = ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' });
  const joinColumn = JoinColumn();
  return (target, property) => {
    joinColumn(target, property);
    relation(target, property);
  };
}
