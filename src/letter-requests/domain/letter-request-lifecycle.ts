import { can } from '../../access/domain/permissions.js';
import type { Role } from '../../access/domain/role.js';

/**
 * An officer's request that the secretariat send a letter for a CENTRAL blocker of their pilot
 * (product.md §3, LetterRequest): OPEN → DRAFTED (the secretariat turned it into a draft letter,
 * which it keeps a link to) | DECLINED (the secretariat, with a reason) | WITHDRAWN (its author).
 */
export const LETTER_REQUEST_STATES = ['OPEN', 'DRAFTED', 'DECLINED', 'WITHDRAWN'] as const;
export type LetterRequestState = (typeof LETTER_REQUEST_STATES)[number];

export const LETTER_REQUEST_COMMANDS = ['draft', 'decline', 'withdraw'] as const;
export type LetterRequestCommand = (typeof LETTER_REQUEST_COMMANDS)[number];

const AFTER: Record<LetterRequestCommand, LetterRequestState> = {
  draft: 'DRAFTED',
  decline: 'DECLINED',
  withdraw: 'WITHDRAWN',
};

/** Where a command leads from `from`; null when it is not a step from there (only OPEN moves). */
export function letterRequestStateAfter(
  command: LetterRequestCommand,
  from: LetterRequestState,
): LetterRequestState | null {
  return from === 'OPEN' ? AFTER[command] : null;
}

/**
 * Who may take each step: drafting and declining are the secretariat's (`letterRequests.handle`),
 * withdrawing is the author's alone.
 */
export function letterRequestCommandRefusal(
  command: LetterRequestCommand,
  actor: { id: string; role: Role },
  request: { requestedById: string | null },
): 'handler-only' | 'author-only' | null {
  if (command === 'withdraw') return request.requestedById === actor.id ? null : 'author-only';
  return can(actor.role, 'letterRequests.handle') ? null : 'handler-only';
}

/** The steps `actor` may take with a request in `state`. */
export function letterRequestCommandsFor(
  state: LetterRequestState,
  actor: { id: string; role: Role },
  request: { requestedById: string | null },
): LetterRequestCommand[] {
  return LETTER_REQUEST_COMMANDS.filter(
    (c) =>
      letterRequestStateAfter(c, state) !== null &&
      letterRequestCommandRefusal(c, actor, request) === null,
  );
}

/** The draft letter's summary, unless the secretariat writes its own: what to ask, then why. */
export function draftSummary(request: { question: string; impact: string }): string {
  return `${request.question}\n\nLý do: ${request.impact}`;
}
