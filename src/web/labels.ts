import type { AgencyKind } from '../agencies/agency-kind.js';
import type { BlockerState } from '../blockers/domain/blocker-enums.js';
import type { AdjustmentKind } from '../calendar/calendar-adjustment.entity.js';
import type { NotifyTarget } from '../escalation/domain/policy.js';
import { PILOT_STATE_LABELS } from '../pilots/domain/pilot-state.js';
import type { RecommendationState } from '../recommendations/domain/recommendation-state.js';
import type { LetterRequestState } from '../letter-requests/domain/letter-request-lifecycle.js';
import {
  BLOCKER_AUTHORITY_LABELS,
  BLOCKER_CATEGORY_LABELS,
} from '../documents/monthly/monthly-report.builder.js';
import type { Role } from '../access/domain/role.js';

/*
 * The interface's Vietnamese names for the domain's codes, and the words several pages share.
 * Pilot states and blocker categories/authorities are named where the monthly report names them
 * too (the API's messages and the Word report must read the same); the web takes them from here.
 * The board, sign-in and overview pages take all their labels from here too (BOARD_LABELS,
 * SIGN_IN_LABELS, OVERVIEW_LABELS); the other pages still keep the words only they use (field
 * labels, headings) in their own views, and sentences stay beside the markup they belong to.
 */
export { BLOCKER_AUTHORITY_LABELS, BLOCKER_CATEGORY_LABELS, PILOT_STATE_LABELS };

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

export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  ESCALATION: 'Nhắc, đôn đốc',
  LEADERSHIP_DIGEST: 'Tổng hợp cho lãnh đạo',
  REPORT_REMINDER: 'Nhắc báo cáo',
  MILESTONE_REMINDER: 'Nhắc hạn mốc',
  LETTER_REQUEST: 'Đề nghị gửi kiến nghị',
};

export const LETTER_REQUEST_STATE_LABELS: Record<LetterRequestState, string> = {
  OPEN: 'Chờ Tổ công tác xử lý',
  DRAFTED: 'Đã soạn dự thảo kiến nghị',
  DECLINED: 'Tổ công tác không gửi kiến nghị',
  WITHDRAWN: 'Đã rút',
};

/** Who an escalation level notifies. */
export const NOTIFY_LABELS: Record<NotifyTarget, string> = {
  ADDRESSEE: 'Đầu mối của cơ quan nhận kiến nghị',
  SECRETARIAT: 'Thư ký Tổ công tác tỉnh',
  WORKING_GROUP: 'Tổ công tác Đề án 06 của Chính phủ',
  LEADERSHIP: 'Lãnh đạo tỉnh',
};

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  MINISTRY: 'Bộ, ngành Trung ương',
  CENTRAL_AGENCY: 'Cơ quan Trung ương',
  WORKING_GROUP: 'Tổ công tác',
  PROVINCIAL_DEPARTMENT: 'Sở, ngành tỉnh',
  PROVINCIAL_OFFICE: 'Cơ quan cấp tỉnh',
  SCHOOL: 'Trường học',
  OTHER: 'Khác',
};

export const ADJUSTMENT_LABELS: Record<AdjustmentKind, string> = {
  DAY_OFF: 'Ngày nghỉ theo điều chỉnh',
  WORKING_DAY: 'Ngày làm việc bù',
};

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

/** A page or file the path names does not exist. */
export const NOT_FOUND = 'Trang bạn tìm không có.';

/** Buttons, options and short words that several pages use alike. */
export const WORDS = {
  filter: 'Lọc',
  clearFilters: 'Bỏ lọc',
  show: 'Xem',
  allAgencies: 'Tất cả đơn vị',
  blocked: 'Vướng mắc',
  draftNumber: 'Dự thảo (chưa có số)',
  generalBlocker: 'Vướng mắc chung',
  notYet: 'Chưa có',
  no: 'Không',
  version: 'Phiên bản',
  reason: 'Lý do',
  actions: 'Thao tác',
} as const;

/** The pilot board (/mo-hinh): its filters and its table. */
export const BOARD_LABELS = {
  title: 'Mô hình điểm',
  intro: '31 mô hình thí điểm theo Báo cáo 442/BC-TCTĐA06 và cập nhật sau đó.',
  search: 'Tìm theo tên (không cần dấu)',
  searchExample: 'ví dụ: y te, kham benh',
  state: 'Trạng thái',
  allStates: 'Tất cả trạng thái',
  agency: 'Đơn vị chủ trì',
  blockedAll: 'Tất cả',
  blockedYes: 'Đang vướng mắc',
  blockedNo: 'Không vướng mắc',
  number: 'Số',
  pilot: 'Mô hình',
  openBlockers: 'Vướng mắc mở',
  overdueLetters: 'Kiến nghị quá hạn',
  lastReport: 'Báo cáo gần nhất',
  ownAgency: 'Đơn vị của tôi',
  noMatch: 'Không có mô hình nào khớp với bộ lọc.',
} as const;

/** The sign-in page (/dang-nhap). */
export const SIGN_IN_LABELS = {
  title: 'Đăng nhập',
  intro: 'Theo dõi mô hình điểm Đề án 06 của tỉnh Khánh Hòa.',
  email: 'Email',
  password: 'Mật khẩu',
  submit: 'Đăng nhập',
  demoAccounts: 'Tài khoản dùng thử',
  expired: 'Trang đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng nhập lại mật khẩu.',
  noEmail: 'Nhập email đăng nhập.',
  badEmail: 'Email chứa ký tự không hợp lệ.',
  noPassword: 'Nhập mật khẩu.',
  badPassword: 'Mật khẩu chứa ký tự không hợp lệ.',
  formKept:
    'Phiên đăng nhập đã hết hạn nên biểu mẫu bạn vừa gửi chưa được lưu. Nội dung đã nhập được giữ lại trong 30 phút: đăng nhập lại để tiếp tục.',
  formRefilled:
    'Biểu mẫu bạn gửi khi phiên đăng nhập đã hết hạn chưa được lưu. Nội dung đã nhập được điền lại bên dưới: hãy kiểm tra rồi bấm lưu.',
  keptContent: 'Nội dung đã nhập',
} as const;

/** The leadership overview (/tong-quan). */
export const OVERVIEW_LABELS = {
  title: 'Tổng quan',
  heading: 'Tổng quan tình hình thí điểm',
  period: 'Kỳ',
  showPeriod: 'Xem kỳ',
  choosePeriod: 'Chọn kỳ báo cáo',
  currentPeriod: 'Kỳ hiện tại',
  current: ' (hiện tại)',
  print: 'In trang',
  monthlyReport: 'Báo cáo tháng',
  keyFigures: 'Số liệu chính',
  pilotsTotal: 'Mô hình thí điểm',
  pilotsLive: 'Đang vận hành hoặc hoàn thành',
  pilotsBlocked: 'Mô hình đang vướng mắc',
  openBlockers: 'Vướng mắc chưa giải quyết',
  overdueLetters: 'Kiến nghị quá hạn trả lời',
  trendTitle: 'Mô hình theo trạng thái qua các kỳ',
  chartTitle: 'Số mô hình theo trạng thái qua các kỳ báo cáo',
  notReported: ' (chưa báo cáo)',
  noPeriods: 'Chưa có kỳ báo cáo nào.',
  dataAsTable: 'Xem số liệu dạng bảng',
  total: 'Tổng',
  blockedTitle: 'Mô hình đang vướng mắc',
  noBlocked: 'Không có mô hình nào đang vướng mắc.',
  generalBlockers: 'Vướng mắc chung, không gắn với một mô hình',
  escalatedShort: 'Đã kiến nghị TW',
  overdueTitle: 'Kiến nghị quá hạn theo cơ quan nhận',
  noOverdue: 'Không có kiến nghị nào quá hạn trả lời.',
  addressee: 'Cơ quan nhận',
  overdue: 'Quá hạn',
  longest: 'Lâu nhất',
  level: 'Mức',
  workingDays: 'ngày LV',
  allLetters: 'Xem tất cả kiến nghị',
  leadAgency: 'Đơn vị chủ trì',
  missing: 'Còn thiếu',
  pilotNumbers: 'Mô hình số',
} as const;
