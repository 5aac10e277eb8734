import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CalendarDay, OneOf, Text } from '../../common/validators.js';
import { PageQuery } from '../../common/pagination.js';
import { SUCCESSION_KINDS, type SuccessionKind } from '../domain/succession.js';

const CODE = /^[A-Z][A-Z0-9_]{0,31}$/;

const AgencyCode = (field: string, example: string) =>
  applyDecorators(
    ApiProperty({ example, pattern: CODE.source }),
    Matches(CODE, { message: `${field} phải là mã viết hoa (chữ, số, _), ví dụ ${example}` }),
  );

export class SuccessionLinkDto {
  @AgencyCode('fromCode', 'BTTTT')
  fromCode: string;

  @AgencyCode('toCode', 'BKHCN')
  toCode: string;

  @ApiPropertyOptional({ default: false, description: 'Cơ quan kế thừa chính của fromCode' })
  @IsOptional()
  @IsBoolean({ message: 'isMain phải là true hoặc false' })
  isMain?: boolean;

  @Text('scope', { max: 300, optional: true, example: 'an toàn thông tin' })
  scope?: string;
}

export class CreateSuccessionEventDto {
  @OneOf('kind', SUCCESSION_KINDS)
  kind: SuccessionKind;

  /** The first day the new agencies hold the duties; the old ones cease that day. */
  @CalendarDay('effectiveOn')
  effectiveOn: string;

  @Text('legalBasis', { max: 300, example: 'Nghị quyết 176/2025/QH15' })
  legalBasis: string;

  @Text('note', { max: 2000, optional: true })
  note?: string;

  @ApiProperty({ type: [SuccessionLinkDto] })
  @IsArray({ message: 'links phải là danh sách' })
  @ArrayMinSize(1, { message: 'links cần ít nhất một liên kết' })
  @ArrayMaxSize(50, { message: 'links tối đa 50 liên kết' })
  @ValidateNested({ each: true })
  @Type(() => SuccessionLinkDto)
  links: SuccessionLinkDto[];
}

export class SuccessionEventQuery extends PageQuery {}
