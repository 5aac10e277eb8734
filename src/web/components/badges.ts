import type { BlockerState } from '../../blockers/domain/blocker-enums.js';
import { html, type Html } from '../../common/html.js';
import type { PilotState } from '../../pilots/domain/pilot-state.js';
import type { RecommendationState } from '../../recommendations/domain/recommendation-state.js';
import type { LetterRequestState } from '../../letter-requests/domain/letter-request-lifecycle.js';
import {
  BLOCKER_STATE_LABELS,
  LETTER_REQUEST_STATE_LABELS,
  PILOT_STATE_LABELS,
  RECOMMENDATION_STATE_LABELS,
  WORDS,
} from '../labels.js';

export function pilotStateBadge(state: PilotState): Html {
  return html`<span class="badge state-${state.toLowerCase()}">${PILOT_STATE_LABELS[state]}</span>`;
}

export function blockerStateBadge(state: BlockerState): Html {
  return html`<span class="badge blocker-${state.toLowerCase()}"
    >${BLOCKER_STATE_LABELS[state]}</span
  >`;
}

export function recommendationStateBadge(state: RecommendationState): Html {
  return html`<span class="badge rec-${state.toLowerCase()}"
    >${RECOMMENDATION_STATE_LABELS[state]}</span
  >`;
}

export function letterRequestStateBadge(state: LetterRequestState): Html {
  return html`<span class="badge letter-request-${state.toLowerCase()}"
    >${LETTER_REQUEST_STATE_LABELS[state]}</span
  >`;
}

/** The escalation level a letter has reached, as the secretariat reads it: "Mức 2". */
export function levelBadge(level: number, name?: string): Html {
  if (level <= 0) return html``;
  return html`<span class="badge level level-${Math.min(level, 3)}" data-level="${level}"
    >Mức ${level}${name ? html` · ${name}` : ''}</span
  >`;
}

/** A pilot with an open blocker, on the board and on its page. */
export const blockedBadge = (): Html => html`<span class="badge blocked">${WORDS.blocked}</span>`;
