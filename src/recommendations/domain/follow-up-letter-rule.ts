import type { RecommendationState } from './recommendation-state.js';

/** A follow-up letter is drafted from this escalation level on ("Đôn đốc" in the default policy). */
export const FOLLOW_UP_MIN_LEVEL = 2;

/** Why no follow-up letter can be drafted, in Vietnamese, or null when one can. */
export function followUpRefusal(state: RecommendationState, level: number): string | null {
  if (state !== 'SENT')
    return `Chỉ soạn công văn đôn đốc cho kiến nghị đã gửi và đang chờ trả lời (kiến nghị đang ở trạng thái ${state}).`;
  if (level < FOLLOW_UP_MIN_LEVEL)
    return `Chỉ soạn công văn đôn đốc khi kiến nghị đã đến mức đôn đốc ${FOLLOW_UP_MIN_LEVEL} trở lên (hiện ở mức ${level}).`;
  return null;
}
