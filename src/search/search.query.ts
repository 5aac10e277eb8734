import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SearchQuery {
  @ApiProperty({
    minLength: 2,
    maxLength: 200,
    example: 'ho tich',
    description: 'Tìm không phân biệt dấu và hoa thường ("ho tich" tìm thấy "hộ tịch")',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.normalize('NFC').trim() : value,
  )
  @IsString({ message: 'q phải là chuỗi ký tự' })
  @MinLength(2, { message: 'q cần ít nhất 2 ký tự' })
  @MaxLength(200, { message: 'q tối đa 200 ký tự' })
  q: string;
}
