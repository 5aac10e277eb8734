import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import type { RecommendationState } from './domain/recommendation-state.js';
import { RecommendationStateChange } from './recommendation-state-change.entity.js';
import { RecommendationAddresseeChange } from './recommendation-addressee-change.entity.js';
import type { AddresseeStatus } from './domain/addressee-status.js';

/**
 * Writes one move of a letter into its history (recommendation_state_change), in the caller's
 * transaction, with the due time and cycle the letter has after it: `from` null when it is
 * created. A move that changes none of state, due time and cycle (a further answer to an
 * answered letter) is not a change of what a report reads, and writes nothing.
 */
export async function recordLetterMove(
  m: EntityManager,
  letter: {
    id: string;
    state: RecommendationState;
    responseDueAt: Date | null;
    cycle: number;
  },
  before: { state: RecommendationState; responseDueAt: Date | null; cycle: number } | null,
  at: Date,
  actor: Actor,
): Promise<void> {
  if (
    before &&
    before.state === letter.state &&
    before.cycle === letter.cycle &&
    before.responseDueAt?.getTime() === letter.responseDueAt?.getTime()
  )
    return;
  await m.insert(RecommendationStateChange, {
    recommendationId: letter.id,
    fromState: before?.state ?? null,
    toState: letter.state,
    at,
    responseDueAt: letter.responseDueAt,
    cycle: letter.cycle,
    // An addressee acting through its answer link has no account (as recordAddresseeMove).
    actorId:
      actor.email === 'system' || actor.email.startsWith('addressee-link:') ? null : actor.id,
  });
}

/**
 * Writes one move of an addressee (status or due time) into its history
 * (recommendation_addressee_change), in the caller's transaction: `from` null when the letter is
 * sent; `dueAt` the due time the addressee has after the move (its own or the letter's).
 */
export async function recordAddresseeMove(
  m: EntityManager,
  addressee: { recommendationId: string; agencyId: string; status: AddresseeStatus },
  move: { from: AddresseeStatus | null; dueAt: Date | null; cycle: number; at: Date },
  actor: Actor,
): Promise<void> {
  await m.insert(RecommendationAddresseeChange, {
    recommendationId: addressee.recommendationId,
    agencyId: addressee.agencyId,
    fromStatus: move.from,
    toStatus: addressee.status,
    dueAt: move.dueAt,
    cycle: move.cycle,
    at: move.at,
    actorId:
      actor.email === 'system' || actor.email.startsWith('addressee-link:') ? null : actor.id,
  });
}
