import { sqlIn } from '../../common/domain/sql-in.js';

export const BLOCKER_CATEGORIES = [
  'LEGAL',
  'GUIDANCE',
  'DATA_INTEGRATION',
  'FUNDING',
  'STAFFING',
  'INFRASTRUCTURE',
  'VENDOR',
  'OTHER',
] as const;
export type BlockerCategory = (typeof BLOCKER_CATEGORIES)[number];

export const BLOCKER_AUTHORITIES = ['PROVINCE', 'CENTRAL'] as const;
export type BlockerAuthority = (typeof BLOCKER_AUTHORITIES)[number];

export const BLOCKER_STATES = ['OPEN', 'ESCALATED', 'RESOLVED', 'WITHDRAWN'] as const;
export type BlockerState = (typeof BLOCKER_STATES)[number];

/** A blocker still standing in the way: OPEN or ESCALATED. */
export const OPEN_BLOCKER_STATES: readonly BlockerState[] = ['OPEN', 'ESCALATED'];

export function isOpenBlocker(state: BlockerState): boolean {
  return OPEN_BLOCKER_STATES.includes(state);
}

/** The same rule in SQL, on the blocker row aliased `alias`. */
export function openBlockerSql(alias: string): string {
  return sqlIn(`${alias}.state`, OPEN_BLOCKER_STATES);
}
