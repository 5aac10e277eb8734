import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { EntityVersion, Text } from '../common/validators.js';

export class CreateLetterRequestDto {
  @ApiProperty({ format: 'uuid', description: 'Vướng mắc thẩm quyền Trung ương của mô hình' })
  @IsUUID('all', { message: 'blockerId phải là mã định danh (UUID) hợp lệ' })
  blockerId: string;

  @ApiProperty({
    example: 'BYT',
    description: 'Mã cơ quan đề nghị gửi kiến nghị đến (phải đang tồn tại hôm nay)',
  })
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
    message: 'addresseeCode phải là mã cơ quan viết hoa, ví dụ BYT',
  })
  addresseeCode: string;

  @Text('question', {
    max: 5000,
    description: 'Đề nghị cơ quan đó điều gì',
    example: 'Đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu khám chữa bệnh với VNeID.',
  })
  question: string;

  @Text('impact', {
    max: 5000,
    description: 'Vì sao vướng mắc này cản trở mô hình',
    example: 'Bệnh viện phải nhập liệu hai lần nên chưa thể mở rộng mô hình.',
  })
  impact: string;
}

export class DraftFromLetterRequestDto {
  @Text('summary', {
    max: 20_000,
    optional: true,
    description: 'Nội dung dự thảo kiến nghị; mặc định: nội dung đề nghị và lý do',
  })
  summary?: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class DeclineLetterRequestDto {
  @Text('reason', { max: 5000, description: 'Vì sao không gửi kiến nghị' })
  reason: string;

  @EntityVersion({ optional: true })
  version?: number;
}

export class WithdrawLetterRequestDto {
  @Text('reason', { max: 5000, optional: true })
  reason?: string;

  @EntityVersion({ optional: true })
  version?: number;
}
