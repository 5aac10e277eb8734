import { UUID } from '../../common/uuid.pipe.js';
import { one, type FormValues } from '../components/forms.js';
import { WORDS } from '../labels.js';
import { WebRefusal } from '../web-request.js';
import type { Schemas } from '../in-process-api.js';

type EscalationPolicy = Schemas['EscalationPolicyView'];

/** What the pages of letters (recommendations) share. */
export const STYLES = ['recommendations.css'];

/** The API's field names as the forms call them, in the problems shown beside each field. */
export const FIELD_LABELS: Record<string, string> = {
  summary: 'Nội dung',
  addresseeCodes: 'Cơ quan nhận',
  distributionCodes: 'Nơi nhận (để biết)',
  blockerIds: 'Vướng mắc liên quan',
  documentNumber: 'Số văn bản',
  letterDate: 'Ngày văn bản',
  date: 'Ngày văn bản',
  sentAt: 'Thời điểm gửi',
  responseDueAt: 'Hạn trả lời',
  note: 'Ghi chú',
  reason: WORDS.reason,
};

export function levelName(policy: EscalationPolicy, level: number): string | undefined {
  return policy.levels.find((l) => l.level === level)?.name;
}

/** Text of an optional field: undefined when blank, so the API applies its own rule. */
export const optional = (values: FormValues, name: string) => one(values, name).trim() || undefined;

/** A letter's id in an address; anything else is not found. */
export function assertId(id: string): void {
  if (!UUID.test(id)) throw new WebRefusal(404, 'Không tìm thấy kiến nghị này.');
}
