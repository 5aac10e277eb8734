import { ApiProperty } from '@nestjs/swagger';
import { Int } from '../common/validators.js';

export class AnswerLinkSettingsDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 365,
    example: 60,
    description: 'Số ngày hiệu lực của liên kết trả lời mới (liên kết đã gửi giữ hạn của nó)',
  })
  @Int('validDays', 1, 365)
  validDays: number;

  @ApiProperty({ description: 'Phiên bản đang xem (0 khi đang dùng mặc định)' })
  @Int('version', 0, 2_000_000_000)
  version: number;
}
