import {
  AgencyCode,
  AgencyCodes,
  CalendarDay,
  EntityVersion,
  Instant,
  Text,
  Uuid,
  Uuids,
} from '../common/validators.js';

export class CreateRecommendationDto {
  @Uuids('blockerIds', { max: 50, optional: true })
  blockerIds?: string[];

  @AgencyCodes('addresseeCodes', { min: 1, max: 20 })
  addresseeCodes: string[];

  // An addressee may be listed too: a letter's own "Nơi nhận" may name it (442 names Bộ Công an).
  @AgencyCodes('distributionCodes', {
    min: 0,
    max: 20,
    optional: true,
    example: ['VPCP', 'BCA'],
    description:
      'Nơi nhận (để biết), theo thứ tự trên văn bản: nhận văn bản nhưng không được đề nghị xử lý, không nhận thư nhắc, đôn đốc',
  })
  distributionCodes?: string[];

  @Text('summary', { max: 20_000 })
  summary: string;

  @Text('documentNumber', { max: 100, optional: true, example: '5772/TCTĐA06-CAT' })
  documentNumber?: string;

  @CalendarDay('letterDate', { optional: true })
  letterDate?: string;

  @Instant('sentAt', { optional: true })
  sentAt?: Date;

  @Instant('responseDueAt', { optional: true })
  responseDueAt?: Date;
}

export class SendRecommendationDto {
  @Text('documentNumber', { max: 100, example: '5772/TCTĐA06-CAT' })
  documentNumber: string;

  @CalendarDay('letterDate')
  letterDate: string;

  @Instant('sentAt', { optional: true })
  sentAt?: Date;

  @Instant('responseDueAt', { optional: true })
  responseDueAt?: Date;

  @EntityVersion({ optional: true })
  version?: number;
}

export class RecordResponseDto {
  @AgencyCode('addresseeCode', {
    optional: true,
    description:
      'Cơ quan nhận kiến nghị mà văn bản này trả lời; có thể bỏ trống khi kiến nghị chỉ gửi một cơ quan',
  })
  addresseeCode?: string;

  @AgencyCode('answeredByCode', {
    optional: true,
    description:
      'Cơ quan ban hành văn bản trả lời, khi khác cơ quan nhận (ví dụ cơ quan kế thừa sau sắp xếp); mặc định: cơ quan đang đảm nhận nhiệm vụ',
  })
  answeredByCode?: string;

  @Text('documentNumber', { max: 100, example: '123/BYT-CNTT' })
  documentNumber: string;

  @CalendarDay('date')
  date: string;

  @Text('summary', { max: 20_000 })
  summary: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class CloseRecommendationDto {
  @Text('note', { max: 5000, optional: true })
  note?: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class WithdrawRecommendationDto {
  @Text('reason', { max: 5000 })
  reason: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class ReopenRecommendationDto {
  @Text('reason', { max: 5000, description: 'Vì sao câu trả lời chưa đáp ứng' })
  reason: string;

  @Instant('responseDueAt', { optional: true })
  responseDueAt?: Date;

  @EntityVersion({ optional: true })
  version?: number;
}

export class AcknowledgeAddresseeDto {
  @Text('handledBy', {
    max: 500,
    optional: true,
    description: 'Đơn vị, người xử lý tại cơ quan nhận',
  })
  handledBy?: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class ReleaseAddresseeDto {
  @Text('reason', { max: 5000, description: 'Vì sao không còn yêu cầu cơ quan này trả lời' })
  reason: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class AddresseeDueDto {
  @Instant('dueAt', {
    nullable: true,
    description: 'Hạn trả lời riêng của cơ quan này; null: theo hạn của kiến nghị',
  })
  dueAt: Date | null;

  @EntityVersion({ optional: true })
  version?: number;
}

export class AssignResponseDto {
  @Uuid('responseId')
  responseId: string;

  @AgencyCode('addresseeCode')
  addresseeCode: string;

  @EntityVersion({ optional: true })
  version?: number;
}
