import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** What every user-editable row carries: the version writes check, and when it changed. */
export abstract class VersionedEntity {
  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
