import type { EntityManager } from 'typeorm';
import { SuccessionIndex } from '../agencies/succession/succession-read.js';
import type { AddresseeHolderView } from './addressee-holder.view.js';

interface AddresseeRow {
  recommendation_id: string;
  agency_id: string;
  holder_agency_id: string | null;
  holder_chosen_at: Date | null;
}

/** States whose addressees still owe or may again owe an answer: their reminders can be held. */
export const OPEN_FOR_HOLDERS = ['SENT', 'ANSWERED'] as const;

/**
 * Each letter's addressees with who holds their duty on `day` (DUTY: a split is ambiguous until
 * the secretariat chooses; the choice is followed on from), by letter id, in the letter's order.
 */
export async function addresseeHolders(
  m: EntityManager,
  ids: readonly string[],
  day: string,
): Promise<Map<string, AddresseeHolderView[]>> {
  const byLetter = new Map<string, AddresseeHolderView[]>();
  if (ids.length === 0) return byLetter;
  const rows: AddresseeRow[] = await m.query(
    `SELECT recommendation_id, agency_id, holder_agency_id, holder_chosen_at
       FROM recommendation_addressee WHERE recommendation_id = ANY($1) ORDER BY position`,
    [ids],
  );
  const index = await SuccessionIndex.load(m);
  for (const r of rows) {
    const list = byLetter.get(r.recommendation_id) ?? [];
    list.push({
      ...index.ref(r.agency_id),
      holder: index.holder(r.holder_agency_id ?? r.agency_id, day, 'DUTY'),
      chosen: r.holder_agency_id ? index.ref(r.holder_agency_id) : null,
      chosenAt: r.holder_chosen_at?.toISOString() ?? null,
    });
    byLetter.set(r.recommendation_id, list);
  }
  return byLetter;
}

/** The open letters (SENT, ANSWERED) with an addressee held for the secretariat's choice on `day`. */
export async function lettersWithHeldAddressee(m: EntityManager, day: string): Promise<string[]> {
  const open: { id: string }[] = await m.query(
    `SELECT DISTINCT r.id FROM recommendation r
       JOIN recommendation_addressee ra ON ra.recommendation_id = r.id
      WHERE r.state = ANY($1)
        AND EXISTS (SELECT 1 FROM succession_link l WHERE l.from_agency_id = coalesce(ra.holder_agency_id, ra.agency_id))`,
    [OPEN_FOR_HOLDERS],
  );
  const holders = await addresseeHolders(
    m,
    open.map((r) => r.id),
    day,
  );
  return [...holders]
    .filter(([, list]) => list.some((a) => a.holder.status === 'AMBIGUOUS'))
    .map(([id]) => id);
}
