import type { Role } from './role.js';

/**
 * Who may do what, by role: the one table of role rules. The services check it
 * (assertAllowed in src/access/actor.ts), the sign-in answer lists a user's permissions, and the
 * web decides what to show from it. Rules about one object (an officer writes the pilots their
 * agency leads, and the blockers and drafts of those pilots) are not here: they stay with the
 * object (src/pilots/domain/pilot-access.ts) and reach the web as each object's allowed actions.
 *
 * Each permission lists its roles in the order its refusal message names them.
 */
export const PERMISSIONS = {
  /** Create agencies, change them (names, kind, parent, dissolution) and record successions. */
  'agencies.manage': ['ADMIN'],
  /** Correct an agency's focal-point addresses (only them: the rest is `agencies.manage`). */
  'agencies.focalPoints': ['ADMIN', 'SECRETARIAT'],
  /** List, read, create and change accounts. */
  'users.manage': ['ADMIN'],
  /** Read the audit trail of an account. */
  'audit.readUsers': ['ADMIN'],
  /** Lock and unlock a report period. */
  'periods.lock': ['SECRETARIAT'],
  /** Replace the escalation policy. */
  'policy.edit': ['SECRETARIAT'],
  /** Add a working-calendar adjustment. */
  'calendar.edit': ['SECRETARIAT'],
  /** Send the leadership digest now. */
  'digest.send': ['SECRETARIAT'],
  /** Read the outbox of notifications and send a failed one again. */
  'notifications.manage': ['SECRETARIAT', 'ADMIN'],
  /** Draft a letter to the centre (an officer: about their own pilots' blockers). */
  'letters.draft': ['SECRETARIAT', 'AGENCY_OFFICER'],
  /** Record a letter already sent; send, answer, close, withdraw and reopen a letter. */
  'letters.record': ['SECRETARIAT'],
  /** Ask the secretariat for a letter about a CENTRAL blocker (an officer: of their own pilots). */
  'letterRequests.file': ['AGENCY_OFFICER', 'SECRETARIAT'],
  /** The queue of letter requests and uncovered CENTRAL blockers: draft from one, decline one. */
  'letterRequests.handle': ['SECRETARIAT'],
  /** Choose who holds a letter's addressee's duty where a split left it ambiguous. */
  'letters.chooseHolder': ['SECRETARIAT'],
  /** Draft (download) the follow-up letter of a sent letter. */
  'followUpLetter.draft': ['SECRETARIAT', 'LEADERSHIP'],
  /** Write every pilot, its reports and its blockers, whoever leads it. */
  'pilots.writeAll': ['SECRETARIAT'],
  /** The pilot moves the lifecycle reserves (rule `secretariat`: COMPLETED → OPERATING). */
  'pilots.reservedMoves': ['SECRETARIAT'],
  /** Write a blocker that belongs to no pilot. */
  'blockers.writeCrossCutting': ['SECRETARIAT'],
  /**
   * Delete anyone's comment (moderation). Reading and adding comments follow the object (every
   * signed-in user, leadership included); editing is the author's alone (comments/domain).
   */
  'comments.moderate': ['SECRETARIAT'],
  /** The catalogue of indicators: add one, rename it, change its owner, section or order. */
  'indicators.manage': ['SECRETARIAT', 'ADMIN'],
  /**
   * Enter any indicator's value, whoever owns it (an officer: the indicators owned by their own
   * agency, checked on the object in src/indicators/indicator-access.ts).
   */
  'indicators.writeAll': ['SECRETARIAT'],
  /** Open the web interface's settings area (what each may change there is above). */
  'settings.view': ['SECRETARIAT', 'ADMIN'],
  /** Read the queue dashboard (Bull Board). */
  'queue.read': ['ADMIN', 'SECRETARIAT'],
  /** Act on the queue dashboard: pause, retry, clean, add or edit jobs. */
  'queue.write': ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Every permission, in the table's order. */
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** The roles that have the permission. */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

export function can(role: Role, permission: Permission): boolean {
  return rolesWith(permission).includes(role);
}

/** Every permission of the role, in the table's order. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSION_NAMES.filter((p) => can(role, p));
}
