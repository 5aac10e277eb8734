import type { EntityManager } from 'typeorm';
import {
  holderOn,
  indexSteps,
  type FollowMode,
  type Holder,
  type SuccessionStep,
} from '../domain/succession.js';

/** Every succession link with its event, as the pure rules take them. */
export async function loadSuccessionSteps(m: EntityManager): Promise<SuccessionStep[]> {
  const rows: {
    event_id: string;
    kind: SuccessionStep['kind'];
    effective_on: string;
    legal_basis: string;
    from_agency_id: string;
    to_agency_id: string;
    is_main: boolean;
    scope: string | null;
  }[] = await m.query(
    `SELECT l.event_id, e.kind, to_char(e.effective_on, 'YYYY-MM-DD') AS effective_on, e.legal_basis,
            l.from_agency_id, l.to_agency_id, l.is_main, l.scope
       FROM succession_link l JOIN succession_event e ON e.id = l.event_id`,
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    kind: r.kind,
    effectiveOn: r.effective_on,
    legalBasis: r.legal_basis,
    from: r.from_agency_id,
    to: r.to_agency_id,
    isMain: r.is_main,
    scope: r.scope,
  }));
}

/** Who holds each agency's duties on `day`, by agency id, following the chains in `mode`. */
export async function holdersOn(
  m: EntityManager,
  agencyIds: readonly string[],
  day: string,
  mode: FollowMode,
): Promise<Map<string, Holder>> {
  const byFrom = indexSteps(await loadSuccessionSteps(m));
  return new Map(agencyIds.map((id) => [id, holderOn(id, day, byFrom, mode)]));
}
