import type { EntityManager } from 'typeorm';
import { holderOn, indexSteps, type SuccessionStep } from '../domain/succession.js';
import { planRealisation, type RealisationMove } from '../domain/realisation.js';
import type { ReorganisationPackage } from './reorganisation-2025.js';
import { loadSuccessionSteps } from './succession-steps.js';
import { organisationState } from './succession-realiser.js';
import type {
  FocalPointsMoveView,
  LeadAgencyMoveView,
  LetterAddresseeOutcomeView,
  OfficerMoveView,
  PackageEventView,
  ReorganisationPreviewView,
  RoleHolderView,
} from './reorganisation.view.js';

/** Past every day the data names: where a chain of events has fully taken effect. */
const END_OF_TIME = '9999-12-31';

interface AgencyRow {
  id: string;
  code: string;
  name: string;
  valid_until: string | null;
}

/**
 * What applying the package on `today` would do, read from the database as it stands: the
 * agencies it adds and ends, its events (to add, recorded, realised), and where it moves every
 * open letter's addressees (DUTY: a split is left to the secretariat), officers' accounts,
 * pilots' current lead agencies and focal points (MAIN). Moves of an event not yet due are
 * listed with its day: they happen then, by themselves.
 */
export async function previewPackage(
  m: EntityManager,
  pkg: ReorganisationPackage,
  today: string,
): Promise<ReorganisationPreviewView> {
  const agencyRows: AgencyRow[] = await m.query(
    `SELECT id, code, name, to_char(valid_until, 'YYYY-MM-DD') AS valid_until FROM agency`,
  );
  const byCode = new Map(agencyRows.map((a) => [a.code, a]));
  const byId = new Map(agencyRows.map((a) => [a.id, a]));
  const packageAgencies = new Map(pkg.agencies.map((a) => [a.code, a]));
  const nameOf = (code: string) =>
    byCode.get(code)?.name ?? packageAgencies.get(code)?.name ?? code;
  const recorded = await recordedEvents(m, pkg);

  const problems = missingAgencies(pkg, byCode);
  const events: PackageEventView[] = pkg.events.map((e) => ({
    packageKey: e.packageKey,
    kind: e.kind,
    effectiveOn: e.effectiveOn,
    legalBasis: e.legalBasis,
    note: e.note,
    links: e.links.map((l) => ({ ...l, toName: nameOf(l.toCode) })),
    status: !recorded.has(e.packageKey)
      ? 'ADD'
      : recorded.get(e.packageKey)!.realised
        ? 'REALISED'
        : 'RECORDED',
    due: e.effectiveOn <= today,
  }));
  const eventOf = new Map(events.map((e) => [e.packageKey, e]));

  const endingAgencies = new Map<string, ReorganisationPreviewView['endingAgencies'][number]>();
  for (const e of pkg.events)
    for (const l of e.links)
      if (!endingAgencies.has(l.fromCode))
        endingAgencies.set(l.fromCode, {
          code: l.fromCode,
          name: nameOf(l.fromCode),
          validUntil: byCode.get(l.fromCode)?.valid_until ?? e.effectiveOn,
          action: byCode.get(l.fromCode)?.valid_until ? 'ENDED' : 'END',
        });

  // The organisation's moves, in codes: the package's events not yet realised, in order.
  const { agencies, state } = await organisationState(m);
  const code = (id: string) => agencies.get(id)!.code;
  const plan = planRealisation(
    pkg.events
      .filter((e) => eventOf.get(e.packageKey)!.status !== 'REALISED')
      .map((e) => ({
        key: e.packageKey,
        effectiveOn: e.effectiveOn,
        links: e.links.map((l) => ({
          from: l.fromCode,
          to: l.toCode,
          isMain: l.isMain,
          scope: l.scope,
        })),
      })),
    {
      officers: state.officers.map((o) => ({ ...o, agency: code(o.agency) })),
      leads: state.leads.map((l) => ({ ...l, agency: code(l.agency) })),
      focalPoints: new Map([...state.focalPoints].map(([id, emails]) => [code(id), emails])),
    },
  );
  const pilotNames = await pilotNamesOf(m);
  const moves = movesView(plan, (key) => eventOf.get(key)!.effectiveOn, today, pilotNames);

  // Letters and roles: who holds each duty once the package's chains have taken effect.
  const steps: SuccessionStep[] = (await loadSuccessionSteps(m)).map((s) => ({
    ...s,
    from: byId.get(s.from)!.code,
    to: byId.get(s.to)!.code,
  }));
  for (const e of pkg.events.filter((e) => !recorded.has(e.packageKey)))
    for (const l of e.links)
      steps.push({
        eventId: e.packageKey,
        kind: e.kind,
        effectiveOn: e.effectiveOn,
        legalBasis: e.legalBasis,
        from: l.fromCode,
        to: l.toCode,
        isMain: l.isMain,
        scope: l.scope,
      });
  const byFrom = indexSteps(steps);
  const letters = await letterOutcomes(m, byFrom, nameOf, today);
  const roles: RoleHolderView[] = (
    (await m.query(
      `SELECT r.role, a.code FROM agency_role r JOIN agency a ON a.id = r.agency_id ORDER BY r.role`,
    )) as { role: string; code: string }[]
  ).map((r) => {
    const holder = holderOn(r.code, END_OF_TIME, byFrom, 'MAIN');
    const held = holder.status === 'HELD_BY' ? holder : null;
    return {
      role: r.role,
      agencyCode: r.code,
      holderCode: held?.agency ?? r.code,
      effectiveOn: held?.path.at(-1)?.effectiveOn ?? null,
    };
  });

  const agenciesView = pkg.agencies.map((a) => ({
    ...a,
    action: byCode.has(a.code) ? ('EXISTS' as const) : ('CREATE' as const),
  }));
  const applied =
    agenciesView.every((a) => a.action === 'EXISTS') &&
    events.every((e) => e.status === 'REALISED' || (e.status === 'RECORDED' && !e.due));
  return {
    packageKey: pkg.key,
    title: pkg.title,
    asOf: today,
    notes: pkg.notes,
    applied,
    problems,
    agencies: agenciesView,
    endingAgencies: [...endingAgencies.values()],
    events,
    letters,
    ...moves,
    roles,
  };
}

/** The package's events already recorded, by package key. */
export async function recordedEvents(
  m: EntityManager,
  pkg: ReorganisationPackage,
): Promise<Map<string, { id: string; realised: boolean }>> {
  const rows: { id: string; package_key: string; realised: boolean }[] = await m.query(
    `SELECT id, package_key, realised_at IS NOT NULL AS realised FROM succession_event
      WHERE package_key = ANY($1::text[])`,
    [pkg.events.map((e) => e.packageKey)],
  );
  return new Map(rows.map((r) => [r.package_key, { id: r.id, realised: r.realised }]));
}

/** The agencies the package's links name that neither the database nor the package holds. */
function missingAgencies(pkg: ReorganisationPackage, byCode: Map<string, unknown>): string[] {
  const own = new Set(pkg.agencies.map((a) => a.code));
  const missing = [
    ...new Set(pkg.events.flatMap((e) => e.links.flatMap((l) => [l.fromCode, l.toCode]))),
  ].filter((c) => !byCode.has(c) && !own.has(c));
  return missing.map((c) => `Chưa có cơ quan mã ${c} trong dữ liệu: gói cần nó để áp dụng.`);
}

export async function pilotNamesOf(m: EntityManager): Promise<Map<number, string>> {
  const rows: { number: number; name: string }[] = await m.query(`SELECT number, name FROM pilot`);
  return new Map(rows.map((p) => [p.number, p.name]));
}

/** Moves (agencies as codes) as the API shows them. */
export function movesView(
  moves: readonly (RealisationMove & { fromCode?: string; toCode?: string | null })[],
  effectiveOnOf: (event: string) => string,
  today: string,
  pilotNames: ReadonlyMap<number, string>,
): {
  officers: OfficerMoveView[];
  leadAgencies: LeadAgencyMoveView[];
  focalPoints: FocalPointsMoveView[];
} {
  const officers: OfficerMoveView[] = [];
  const leadAgencies: LeadAgencyMoveView[] = [];
  const focalPoints: FocalPointsMoveView[] = [];
  for (const move of moves) {
    if (move.kind === 'NO_MAIN_SUCCESSOR') continue;
    const effectiveOn = effectiveOnOf(move.event);
    const at = {
      fromCode: move.fromCode ?? move.from,
      toCode: move.toCode ?? move.to,
      effectiveOn,
      due: effectiveOn <= today,
    };
    if (move.kind === 'OFFICER') officers.push({ email: move.email, ...at });
    else if (move.kind === 'LEAD_AGENCY')
      leadAgencies.push({
        pilotNumber: move.pilot,
        pilotName: pilotNames.get(move.pilot) ?? '',
        position: move.position,
        successorAlreadyLeads: move.successorAlreadyLeads,
        partsElsewhere: move.partsElsewhere.map((p) => ({ code: p.to, scope: p.scope })),
        ...at,
      });
    else
      focalPoints.push({
        emails: move.emails,
        outcome: move.carried ? 'CARRIED' : 'LEFT',
        ...at,
      });
  }
  return { officers, leadAgencies, focalPoints };
}

/** Every addressee of every open letter (SENT or ANSWERED) and who holds its duty. */
async function letterOutcomes(
  m: EntityManager,
  byFrom: ReturnType<typeof indexSteps>,
  nameOf: (code: string) => string,
  today: string,
): Promise<LetterAddresseeOutcomeView[]> {
  const rows: {
    recommendation_id: string;
    document_number: string | null;
    letter_date: string | null;
    state: string;
    code: string;
    name: string;
    chosen_code: string | null;
  }[] = await m.query(
    `SELECT r.id AS recommendation_id, r.document_number,
            to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date, r.state,
            a.code, a.name, h.code AS chosen_code
       FROM recommendation r
       JOIN recommendation_addressee ra ON ra.recommendation_id = r.id
       JOIN agency a ON a.id = ra.agency_id
       LEFT JOIN agency h ON h.id = ra.holder_agency_id
      WHERE r.state IN ('SENT', 'ANSWERED')
      ORDER BY r.letter_date, r.document_number, r.id, ra.position`,
  );
  return rows.map((r) => {
    const start = r.chosen_code ?? r.code;
    const holder = holderOn(start, END_OF_TIME, byFrom, 'DUTY');
    const base = {
      recommendationId: r.recommendation_id,
      documentNumber: r.document_number,
      letterDate: r.letter_date,
      state: r.state,
      addresseeCode: r.code,
      addresseeName: r.name,
      holderChosen: r.chosen_code !== null,
    };
    if (holder.status === 'AMBIGUOUS') {
      const effectiveOn = holder.candidates[0].effectiveOn;
      return {
        ...base,
        outcome: 'AMBIGUOUS' as const,
        holderCode: null,
        holderName: null,
        candidates: holder.candidates.map((c) => ({
          code: c.to,
          name: nameOf(c.to),
          isMain: c.isMain,
          scope: c.scope,
        })),
        effectiveOn,
        due: effectiveOn <= today,
      };
    }
    const moved = holder.agency !== r.code;
    const effectiveOn = holder.path.at(-1)?.effectiveOn ?? null;
    return {
      ...base,
      outcome: moved ? ('HOLDER' as const) : ('UNCHANGED' as const),
      holderCode: moved ? holder.agency : null,
      holderName: moved ? nameOf(holder.agency) : null,
      candidates: [],
      effectiveOn,
      due: effectiveOn === null || effectiveOn <= today,
    };
  });
}
