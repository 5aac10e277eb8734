import { can } from '../../access/domain/permissions.js';
import type { Role } from '../../access/domain/role.js';

/** Why a user may not write a pilot: not an officer of a lead agency, or a role that never writes. */
export type PilotWriteRefusal = 'not-lead' | 'role';

/**
 * Who may write a pilot, its reports and its blockers: a role with `pilots.writeAll` (the
 * secretariat), and officers of one of the pilot's lead agencies. `leadsPilot`: the user's agency is one of the pilot's lead agencies.
 */
export function pilotWriteRefusal(
  actor: { role: Role; agencyId: string | null },
  leadsPilot: boolean,
): PilotWriteRefusal | null {
  if (can(actor.role, 'pilots.writeAll')) return null;
  if (actor.role === 'AGENCY_OFFICER' && actor.agencyId) return leadsPilot ? null : 'not-lead';
  return 'role';
}

/** The user is an officer of one of the pilot's lead agencies (by agency code). */
export function leadsPilot(
  actor: { role: Role; agencyCode: string | null },
  leadAgencyCodes: readonly string[],
): boolean {
  return (
    actor.role === 'AGENCY_OFFICER' &&
    actor.agencyCode !== null &&
    leadAgencyCodes.includes(actor.agencyCode)
  );
}
