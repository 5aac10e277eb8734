/**
 * Realising succession events (product.md §3, §9): on or after an event's effective day, the
 * organisation of each old agency passes to its main successor — officers' accounts, the pilots
 * it leads (its row closed on the effective day, the successor's opened that day at the same
 * position, unless the successor already leads the pilot), and its focal-point addresses when
 * the successor has none. An old agency the event gives several successors and no main one
 * keeps its organisation: nothing is guessed. Open letters are not moved: reminders follow
 * today's holder of the duty (holderOn), and a split waits for the secretariat's choice.
 *
 * Pure: agencies are opaque keys (ids or codes), the caller loads the state and carries out
 * the moves. Events are realised in order (effective day, then key), each seeing the moves of
 * the ones before, so a chain of events lands at its end.
 */

export interface RealisationLink {
  from: string;
  to: string;
  isMain: boolean;
  scope: string | null;
}

export interface RealisationEvent {
  /** The event's id, or the package key of one not recorded yet. */
  key: string;
  effectiveOn: string;
  links: readonly RealisationLink[];
}

export interface OfficerAccount {
  id: string;
  email: string;
  agency: string;
}

/** A current lead-agency row of a pilot. `id` is null for a row a previous move opened. */
export interface LeadRow {
  id: string | null;
  pilot: number;
  agency: string;
  position: number;
}

export interface OrganisationState {
  officers: readonly OfficerAccount[];
  leads: readonly LeadRow[];
  /** Each agency's focal-point addresses. */
  focalPoints: ReadonlyMap<string, readonly string[]>;
}

export type RealisationMove =
  | { kind: 'OFFICER'; event: string; from: string; to: string; userId: string; email: string }
  | {
      kind: 'LEAD_AGENCY';
      event: string;
      effectiveOn: string;
      from: string;
      to: string;
      pilot: number;
      position: number;
      /** The closed row (null: one a previous move of this plan opened). */
      rowId: string | null;
      /** The successor leads the pilot already: the old row is closed, no new one opened. */
      successorAlreadyLeads: boolean;
      /** The parts of the old agency's duties that went elsewhere ("sát hạch … → CAT"). */
      partsElsewhere: { to: string; scope: string | null }[];
    }
  | {
      kind: 'FOCAL_POINTS';
      event: string;
      from: string;
      to: string;
      emails: string[];
      /** false: the successor has addresses of its own and keeps them; nothing is carried. */
      carried: boolean;
    }
  | {
      /** The event gives `from` several successors and none is main: its organisation stays. */
      kind: 'NO_MAIN_SUCCESSOR';
      event: string;
      from: string;
      candidates: string[];
    };

/** The successor that takes `from`'s organisation in the event: the main one, or the only one. */
export function mainSuccessor(event: RealisationEvent, from: string): RealisationLink | null {
  const out = event.links.filter((l) => l.from === from);
  return out.length === 1 ? out[0] : (out.find((l) => l.isMain) ?? null);
}

/** In the order they are realised: by effective day, then key. */
export function inRealisationOrder<E extends RealisationEvent>(events: readonly E[]): E[] {
  return [...events].sort(
    (a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.key.localeCompare(b.key),
  );
}

/** What realising `events` (all due) moves, given the organisation as it stands. */
export function planRealisation(
  events: readonly RealisationEvent[],
  state: OrganisationState,
): RealisationMove[] {
  const officers = state.officers.map((o) => ({ ...o }));
  let leads = state.leads.map((l) => ({ ...l }));
  const focalPoints = new Map(state.focalPoints);
  const moves: RealisationMove[] = [];

  for (const event of inRealisationOrder(events)) {
    const froms = [...new Set(event.links.map((l) => l.from))];
    for (const from of froms) {
      const successor = mainSuccessor(event, from);
      if (!successor) {
        moves.push({
          kind: 'NO_MAIN_SUCCESSOR',
          event: event.key,
          from,
          candidates: event.links.filter((l) => l.from === from).map((l) => l.to),
        });
        continue;
      }
      const to = successor.to;
      for (const officer of officers.filter((o) => o.agency === from)) {
        moves.push({
          kind: 'OFFICER',
          event: event.key,
          from,
          to,
          userId: officer.id,
          email: officer.email,
        });
        officer.agency = to;
      }
      const partsElsewhere = event.links
        .filter((l) => l.from === from && l !== successor)
        .map((l) => ({ to: l.to, scope: l.scope }));
      const led = leads.filter((l) => l.agency === from);
      for (const row of led) {
        const successorAlreadyLeads = leads.some((l) => l.pilot === row.pilot && l.agency === to);
        moves.push({
          kind: 'LEAD_AGENCY',
          event: event.key,
          effectiveOn: event.effectiveOn,
          from,
          to,
          pilot: row.pilot,
          position: row.position,
          rowId: row.id,
          successorAlreadyLeads,
          partsElsewhere,
        });
        leads = leads.filter((l) => l !== row);
        if (!successorAlreadyLeads)
          leads.push({ id: null, pilot: row.pilot, agency: to, position: row.position });
      }
      const emails = [...(focalPoints.get(from) ?? [])];
      if (emails.length > 0) {
        const carried = (focalPoints.get(to) ?? []).length === 0;
        moves.push({ kind: 'FOCAL_POINTS', event: event.key, from, to, emails, carried });
        if (carried) focalPoints.set(to, emails);
      }
    }
  }
  return moves;
}
