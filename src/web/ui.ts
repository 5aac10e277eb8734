import type { BlockerState } from '../blockers/domain/blocker-enums.js';
import { periodMonthYear } from '../common/domain/periods.js';
import { html, Html, vnDate, vnDateTime } from '../common/html.js';
import { PILOT_STATE_LABELS, type PilotState } from '../pilots/domain/pilot-state.js';
import type { RecommendationState } from '../recommendations/domain/recommendation-state.js';
import {
  BLOCKER_AUTHORITY_LABELS,
  BLOCKER_CATEGORY_LABELS,
} from '../reports/monthly/monthly-report.builder.js';
import type { Role } from '../users/role.js';

export { html, Html, BLOCKER_AUTHORITY_LABELS, BLOCKER_CATEGORY_LABELS, PILOT_STATE_LABELS };

/** Markup already built elsewhere (a rendered fragment); never user text. */
export const trusted = (markup: string) => new Html(markup);

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Quản trị hệ thống',
  SECRETARIAT: 'Thư ký Tổ công tác',
  AGENCY_OFFICER: 'Cán bộ đầu mối',
  LEADERSHIP: 'Lãnh đạo',
};

export const BLOCKER_STATE_LABELS: Record<BlockerState, string> = {
  OPEN: 'Đang mở',
  ESCALATED: 'Đã kiến nghị Trung ương',
  RESOLVED: 'Đã giải quyết',
  WITHDRAWN: 'Đã rút',
};

export const RECOMMENDATION_STATE_LABELS: Record<RecommendationState, string> = {
  DRAFT: 'Dự thảo',
  SENT: 'Đã gửi, chờ trả lời',
  ANSWERED: 'Đã có trả lời',
  CLOSED: 'Đã đóng',
  WITHDRAWN: 'Đã rút',
};

export const NOTIFICATION_STATUS_LABELS: Record<string, string> = {
  PENDING: 'Chờ gửi',
  SENDING: 'Đang gửi',
  SENT: 'Đã gửi',
  FAILED: 'Gửi lỗi',
  CANCELLED: 'Đã hủy (đã có trả lời)',
};

/** A calendar day (`YYYY-MM-DD`) or an instant (ISO string, Date) as dd/mm/yyyy in Vietnam. */
export function day(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return vnDate(value);
  return vnDate(new Date(value));
}

/** An instant as dd/mm/yyyy HH:mm, Asia/Ho_Chi_Minh. */
export function moment(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = vnDateTime(new Date(value)); // "HH:MM DD/MM/YYYY"
  return `${text.slice(6)} ${text.slice(0, 5)}`;
}

/** `2023-12` as "12/2023". */
export function period(value: string | null | undefined): string {
  return value ? periodMonthYear(value) : '';
}

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

/** The escalation level a letter has reached, as the secretariat reads it: "Mức 2". */
export function levelBadge(level: number, name?: string): Html {
  if (level <= 0) return html``;
  return html`<span class="badge level level-${Math.min(level, 3)}" data-level="${level}"
    >Mức ${level}${name ? html` · ${name}` : ''}</span
  >`;
}

export function empty(text: string): Html {
  return html`<p class="empty">${text}</p>`;
}

/** A long text cut at a word, for a table cell; the whole text is on the object's own page. */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`;
}

/** Day names by `Date.getUTCDay()`, as written at the start of a line. */
export const WEEKDAYS = [
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
];
