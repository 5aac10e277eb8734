import type { EntityManager } from 'typeorm';
import {
  existsOn,
  holderOn,
  indexSteps,
  type FollowMode,
  type SuccessionStep,
} from '../domain/succession.js';
import type {
  AgencySuccession,
  HolderView,
  SuccessionNeighbour,
  SuccessionStepView,
} from '../agency.view.js';
import { loadSuccessionSteps } from './succession-steps.js';

export interface DirectoryEntry {
  id: string;
  code: string;
  name: string;
  validFrom: string | null;
  validUntil: string | null;
}

/**
 * Every succession link and every agency's code, name and validity, loaded once per request:
 * enough to say who holds any agency's duties on any day, and by which events.
 */
export class SuccessionIndex {
  readonly byFrom: Map<string, SuccessionStep[]>;
  readonly byTo: Map<string, SuccessionStep[]>;

  constructor(
    readonly steps: SuccessionStep[],
    readonly agencies: Map<string, DirectoryEntry>,
  ) {
    this.byFrom = indexSteps(steps);
    this.byTo = new Map();
    for (const s of steps) this.byTo.set(s.to, [...(this.byTo.get(s.to) ?? []), s]);
  }

  static async load(m: EntityManager): Promise<SuccessionIndex> {
    const rows: DirectoryEntry[] = await m.query(
      `SELECT id, code, name, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(valid_until, 'YYYY-MM-DD') AS "validUntil" FROM agency`,
    );
    return new SuccessionIndex(await loadSuccessionSteps(m), new Map(rows.map((a) => [a.id, a])));
  }

  ref(id: string): { code: string; name: string } {
    const a = this.agencies.get(id)!;
    return { code: a.code, name: a.name };
  }

  byCode(code: string): DirectoryEntry | undefined {
    for (const a of this.agencies.values()) if (a.code === code) return a;
    return undefined;
  }

  existsOn(id: string, day: string): boolean {
    return existsOn(this.agencies.get(id)!, day);
  }

  step(s: SuccessionStep): SuccessionStepView {
    return {
      eventId: s.eventId,
      kind: s.kind,
      effectiveOn: s.effectiveOn,
      legalBasis: s.legalBasis,
      from: this.ref(s.from),
      to: this.ref(s.to),
    };
  }

  /** The link seen from one end: the agency at `end`. */
  neighbour(s: SuccessionStep, end: 'from' | 'to'): SuccessionNeighbour {
    return {
      ...this.ref(s[end]),
      eventId: s.eventId,
      kind: s.kind,
      effectiveOn: s.effectiveOn,
      legalBasis: s.legalBasis,
      isMain: s.isMain,
      scope: s.scope,
    };
  }

  /** Who holds `start`'s duties on `day`, as the API shows it. */
  holder(start: string, day: string, mode: FollowMode): HolderView {
    const h = holderOn(start, day, this.byFrom, mode);
    const via = h.path.map((s) => this.step(s));
    return h.status === 'HELD_BY'
      ? { status: 'HELD_BY', agency: this.ref(h.agency), via, at: null, candidates: [] }
      : {
          status: 'AMBIGUOUS',
          agency: null,
          via,
          at: this.ref(h.at),
          candidates: h.candidates.map((c) => this.neighbour(c, 'to')),
        };
  }

  /**
   * The agency's succession as its view shows it on `today`: who took over from it and whom it
   * took over from (every event, future ones included, with their days), and — when it no
   * longer exists — who holds its organisation today (the main successor's line).
   */
  agencySuccession(id: string, today: string): AgencySuccession {
    const existsToday = this.existsOn(id, today);
    const holder = existsToday ? null : this.holder(id, today, 'MAIN');
    return {
      existsToday,
      successors: sorted(this.byFrom.get(id) ?? []).map((s) => this.neighbour(s, 'to')),
      predecessors: sorted(this.byTo.get(id) ?? []).map((s) => this.neighbour(s, 'from')),
      // Nothing took it over (ended without a successor, or not begun yet): no holder to name.
      heldBy: holder?.status === 'HELD_BY' && holder.via.length === 0 ? null : holder,
    };
  }
}

const sorted = (steps: SuccessionStep[]) =>
  [...steps].sort(
    (a, b) =>
      a.effectiveOn.localeCompare(b.effectiveOn) ||
      Number(b.isMain) - Number(a.isMain) ||
      a.to.localeCompare(b.to),
  );
