export const PILOT_STATES = [
  'NOT_STARTED',
  'PREPARING',
  'PILOTING',
  'OPERATING',
  'COMPLETED',
  'SUSPENDED',
] as const;
export type PilotState = (typeof PILOT_STATES)[number];

/** How the monthly report and the UI name each state. */
export const PILOT_STATE_LABELS: Record<PilotState, string> = {
  NOT_STARTED: 'Chưa ghi nhận',
  PREPARING: 'Đang chuẩn bị',
  PILOTING: 'Đang thí điểm',
  OPERATING: 'Đang vận hành',
  COMPLETED: 'Hoàn thành',
  SUSPENDED: 'Tạm dừng',
};
