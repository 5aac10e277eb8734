import type { EntityManager } from 'typeorm';
import { holdersOn } from './succession-steps.js';

/**
 * The agency that holds each owner's duties on `today` (the owner itself while it exists; its
 * main successor from the day it is merged or renamed, product.md §9), by owner id; none for a
 * split without a main one. Its officers are reminded of the owner's work — milestones,
 * indicators — and may write it.
 */
export async function ownerHolders(
  m: EntityManager,
  ownerIds: readonly string[],
  today: string,
): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  if (ownerIds.length === 0) return held;
  for (const [owner, holder] of await holdersOn(m, [...new Set(ownerIds)], today, 'MAIN'))
    if (holder.status === 'HELD_BY') held.set(owner, holder.agency);
  return held;
}

/**
 * Of `ownerIds`, the owners whose work the officers of `agencyId` answer for on `today`: the
 * agency's own, and those of the agencies whose duties it holds that day (ownerHolders). Empty
 * for no agency. One rule for milestones and indicators alike.
 */
export async function ownersAnsweredBy(
  m: EntityManager,
  agencyId: string | null,
  ownerIds: readonly string[],
  today: string,
): Promise<Set<string>> {
  if (agencyId === null) return new Set();
  const answered = new Set(ownerIds.filter((id) => id === agencyId));
  const others = ownerIds.filter((id) => id !== agencyId);
  for (const [owner, holder] of await ownerHolders(m, others, today))
    if (holder === agencyId) answered.add(owner);
  return answered;
}
