import { ApiProperty } from '@nestjs/swagger';
import { INDICATOR_KINDS, type IndicatorKind } from './domain/indicator-kind.js';

/** Who entered a value (null: the system, or an account since gone). */
export class IndicatorAuthorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class IndicatorValueView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'hoSoSoHoa' })
  indicatorCode!: string;

  @ApiProperty({ example: '2023-12' })
  period!: string;

  @ApiProperty({ example: 268905 })
  value!: number;

  @ApiProperty({ nullable: true, type: Number, example: null })
  denominator!: number | null;

  @ApiProperty({ description: 'Giá trị như báo cáo in', example: '268.905 hồ sơ' })
  display!: string;

  @ApiProperty({ nullable: true, type: String })
  note!: string | null;

  @ApiProperty({ type: IndicatorAuthorView, nullable: true })
  author!: IndicatorAuthorView | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: 'Kỳ đã chốt số liệu: không sửa được nữa' })
  locked!: boolean;
}

export class IndicatorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'hoSoSoHoa' })
  code!: string;

  @ApiProperty({ example: 'Hồ sơ, kết quả giải quyết TTHC đã được số hóa' })
  name!: string;

  @ApiProperty({ example: 'hồ sơ' })
  unit!: string;

  @ApiProperty({ enum: INDICATOR_KINDS })
  kind!: IndicatorKind;

  @ApiProperty({ description: 'PROVINCE (toàn tỉnh) hoặc PILOT', enum: ['PROVINCE', 'PILOT'] })
  scope!: 'PROVINCE' | 'PILOT';

  @ApiProperty({ nullable: true, type: Number, description: 'Số mô hình khi scope là PILOT' })
  pilotNumber!: number | null;

  @ApiProperty({ example: 'STTTT' })
  agencyCode!: string;

  @ApiProperty({ example: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa' })
  agencyName!: string;

  @ApiProperty({
    description:
      'Người hỏi là cán bộ đầu mối của đơn vị chịu trách nhiệm chỉ số, hoặc của đơn vị đang đảm nhận nhiệm vụ của đơn vị đó (sau sáp nhập, từ ngày hiệu lực): người hỏi được nhập số liệu chỉ số này',
  })
  heldByUserAgency!: boolean;

  @ApiProperty({ example: 'I.4.3' })
  section!: string;

  @ApiProperty()
  displayOrder!: number;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ nullable: true, type: String })
  denominatorMetric!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({
    type: IndicatorValueView,
    nullable: true,
    required: false,
    description: 'Giá trị của kỳ hỏi (?period=), null khi chưa nhập',
  })
  value?: IndicatorValueView | null;

  @ApiProperty({
    type: [IndicatorValueView],
    required: false,
    description: 'Mọi giá trị theo kỳ, mới nhất trước (?history=true)',
  })
  history?: IndicatorValueView[];
}
