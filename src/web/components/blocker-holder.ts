import { html, type Html } from '../../common/html.js';
import { DAY_MS, localDay, atLocalTime } from '../../common/domain/local-time.js';
import type { Schemas } from '../in-process-api.js';
import { day } from './format.js';

type BlockerView = Schemas['BlockerView'];
type RecommendationView = Schemas['RecommendationView'];
type AgencyRef = Schemas['AgencyRef'];

/**
 * Who must act on an open blocker now: a ministry (or several) while a sent letter about it waits
 * for their answer; the secretariat while a CENTRAL blocker has no letter out yet, or its answer
 * is in and must be judged (close, or reopen as insufficient); the pilot's lead agency while a
 * PROVINCE blocker is the province's own to solve.
 */
export type BlockerHolder =
  | { kind: 'MINISTRY'; agencies: AgencyRef[]; overdue: boolean; letter: RecommendationView }
  | {
      kind: 'SECRETARIAT';
      why: 'NO_LETTER' | 'DRAFT' | 'ANSWERED';
      letter: RecommendationView | null;
    }
  | { kind: 'AGENCY'; agencies: AgencyRef[] };

const OWES = new Set(['AWAITING', 'ACKNOWLEDGED']);

/**
 * The holder of the blocker, from the letters about it (any state) and the lead agencies of its
 * pilot. A letter's addressee shows under the name of whoever holds its duty today (after a
 * merger, the new ministry), as reminders go.
 */
export function holderOf(
  blocker: BlockerView,
  letters: RecommendationView[],
  leadAgencies: AgencyRef[],
): BlockerHolder {
  const about = letters.filter((r) => r.blockers.some((b) => b.id === blocker.id));
  for (const letter of about.filter((r) => r.state === 'SENT')) {
    const owing = letter.addressees.filter((a) => OWES.has(a.status));
    if (owing.length === 0) continue;
    // The duty's holder today: the successor the secretariat chose after a split, else the one
    // succession leads to.
    const today = new Map(
      letter.addresseeHolders.map((h) => [
        h.code,
        h.chosen ?? (h.holder.status === 'HELD_BY' ? h.holder.agency : null),
      ]),
    );
    return {
      kind: 'MINISTRY',
      agencies: owing.map((a) => today.get(a.code) ?? { code: a.code, name: a.name }),
      overdue: owing.some((a) => a.overdue),
      letter,
    };
  }
  const answered = about.find((r) => r.state === 'ANSWERED');
  if (answered) return { kind: 'SECRETARIAT', why: 'ANSWERED', letter: answered };
  const draft = about.find((r) => r.state === 'DRAFT');
  if (draft) return { kind: 'SECRETARIAT', why: 'DRAFT', letter: draft };
  if (blocker.authority === 'CENTRAL' || leadAgencies.length === 0) {
    return { kind: 'SECRETARIAT', why: 'NO_LETTER', letter: null };
  }
  return { kind: 'AGENCY', agencies: leadAgencies };
}

/** Whole days since the blocker was first raised (its createdAt: the day it was raised, for the seed's). */
export function ageInDays(blocker: BlockerView, now: Date): number {
  const from = atLocalTime(localDay(new Date(blocker.createdAt)));
  const to = atLocalTime(localDay(now));
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / DAY_MS));
}

const SECRETARIAT_WHY = {
  NO_LETTER: 'chưa có kiến nghị gửi Trung ương',
  DRAFT: 'dự thảo kiến nghị chưa gửi',
  ANSWERED: 'đã có trả lời, chờ xem xét',
} as const;

/** "Đang chờ: Bộ Y tế (4338/SYT-TCHC, quá hạn)", with a link to the letter where there is one. */
export function holderLine(holder: BlockerHolder): Html {
  const letterLink = (letter: RecommendationView, text: string) =>
    html`<a href="/kien-nghi/${letter.id}">${text}</a>`;
  switch (holder.kind) {
    case 'MINISTRY':
      return html`<span class="holder" data-holder="MINISTRY"
        >Đang chờ:
        <strong>${holder.agencies.map((a) => a.name).join('; ')}</strong>
        (${letterLink(holder.letter, holder.letter.documentNumber ?? 'kiến nghị')}${
          holder.overdue ? html`, <span class="overdue-text">quá hạn</span>` : ''
        })</span
      >`;
    case 'SECRETARIAT':
      return html`<span class="holder" data-holder="SECRETARIAT"
        >Đang chờ: <strong>Thư ký Tổ công tác</strong> (${
          holder.letter
            ? letterLink(holder.letter, SECRETARIAT_WHY[holder.why])
            : SECRETARIAT_WHY[holder.why]
        })</span
      >`;
    case 'AGENCY':
      return html`<span class="holder" data-holder="AGENCY"
        >Đang chờ: <strong>${holder.agencies.map((a) => a.name).join('; ')}</strong> (đơn vị chủ
        trì, thuộc thẩm quyền của tỉnh)</span
      >`;
  }
}

/** "Trung ương" or "Tỉnh", and since when: "nêu từ 22/09/2023 · 480 ngày". */
export function authorityAndAge(blocker: BlockerView, now: Date): Html {
  const days = ageInDays(blocker, now);
  return html`<span class="authority authority-${blocker.authority.toLowerCase()}"
      >${blocker.authority === 'CENTRAL' ? 'Thẩm quyền Trung ương' : 'Thẩm quyền tỉnh'}</span
    >
    ·
    <span class="age" data-age-days="${String(days)}"
      >nêu từ ${day(blocker.createdAt)}, <strong>${String(days)} ngày</strong></span
    >`;
}
