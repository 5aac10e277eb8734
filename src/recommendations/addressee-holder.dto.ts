import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { EntityVersion } from '../common/validators.js';

export class ChooseHolderDto {
  @ApiProperty({ example: 'BNV', description: 'Cơ quan kế thừa được chọn (đang tồn tại hôm nay)' })
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
    message: 'agencyCode phải là mã cơ quan viết hoa, ví dụ BNV',
  })
  agencyCode: string;

  @EntityVersion({ optional: true })
  version?: number;
}
