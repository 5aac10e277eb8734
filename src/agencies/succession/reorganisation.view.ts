import { ApiProperty } from '@nestjs/swagger';
import { AGENCY_KINDS, type AgencyKind } from '../agency-kind.js';
import { SUCCESSION_KINDS, type SuccessionKind } from '../domain/succession.js';

const DAY = { type: String, format: 'date' } as const;

export class PackageAgencyView {
  @ApiProperty({ example: 'BNNMT' })
  code!: string;

  @ApiProperty({ example: 'Bộ Nông nghiệp và Môi trường' })
  name!: string;

  @ApiProperty({ example: 'Bộ NN&MT' })
  shortName!: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  kind!: AgencyKind;

  @ApiProperty({ ...DAY, nullable: true })
  validFrom!: string | null;

  @ApiProperty({
    enum: ['CREATE', 'EXISTS'],
    description: 'CREATE: sẽ thêm; EXISTS: đã có (không thêm lại)',
  })
  action!: 'CREATE' | 'EXISTS';
}

export class EndingAgencyView {
  @ApiProperty({ example: 'BTTTT' })
  code!: string;

  @ApiProperty({ example: 'Bộ Thông tin và Truyền thông' })
  name!: string;

  @ApiProperty({ ...DAY, description: 'Ngày thôi tồn tại với tên này (ngày hiệu lực)' })
  validUntil!: string;

  @ApiProperty({ enum: ['END', 'ENDED'], description: 'END: sẽ kết thúc; ENDED: đã kết thúc' })
  action!: 'END' | 'ENDED';
}

export class PackageLinkView {
  @ApiProperty({ example: 'BTTTT' })
  fromCode!: string;

  @ApiProperty({ example: 'BKHCN' })
  toCode!: string;

  @ApiProperty({ example: 'Bộ Khoa học và Công nghệ' })
  toName!: string;

  @ApiProperty()
  isMain!: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'an toàn thông tin' })
  scope!: string | null;
}

export class PackageEventView {
  @ApiProperty({ example: 'reorganisation-2025/BTTTT' })
  packageKey!: string;

  @ApiProperty({ enum: SUCCESSION_KINDS })
  kind!: SuccessionKind;

  @ApiProperty(DAY)
  effectiveOn!: string;

  @ApiProperty({ example: 'Nghị quyết 176/2025/QH15' })
  legalBasis!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: [PackageLinkView] })
  links!: PackageLinkView[];

  @ApiProperty({
    enum: ['ADD', 'RECORDED', 'REALISED'],
    description:
      'ADD: sẽ ghi; RECORDED: đã ghi, chưa thực hiện việc chuyển; REALISED: đã áp dụng xong',
  })
  status!: 'ADD' | 'RECORDED' | 'REALISED';

  @ApiProperty({ description: 'Ngày hiệu lực đã đến (theo đồng hồ của dịch vụ)' })
  due!: boolean;
}

export class CandidateView {
  @ApiProperty({ example: 'BCA' })
  code!: string;

  @ApiProperty({ example: 'Bộ Công an' })
  name!: string;

  @ApiProperty()
  isMain!: boolean;

  @ApiProperty({ type: String, nullable: true })
  scope!: string | null;
}

export class LetterAddresseeOutcomeView {
  @ApiProperty({ format: 'uuid' })
  recommendationId!: string;

  @ApiProperty({ type: String, nullable: true, example: '442/BC-TCTĐA06' })
  documentNumber!: string | null;

  @ApiProperty({ ...DAY, nullable: true })
  letterDate!: string | null;

  @ApiProperty({ example: 'SENT' })
  state!: string;

  @ApiProperty({ example: 'BTNMT' })
  addresseeCode!: string;

  @ApiProperty({ example: 'Bộ Tài nguyên và Môi trường' })
  addresseeName!: string;

  @ApiProperty({
    enum: ['UNCHANGED', 'HOLDER', 'AMBIGUOUS'],
    description:
      'UNCHANGED: cơ quan nhận vẫn như cũ; HOLDER: thư nhắc gửi cơ quan kế thừa (holder); AMBIGUOUS: nhiệm vụ chia cho nhiều cơ quan, thư ký chọn, thư nhắc tạm dừng đến khi chọn',
  })
  outcome!: 'UNCHANGED' | 'HOLDER' | 'AMBIGUOUS';

  @ApiProperty({ type: String, nullable: true, example: 'BNNMT' })
  holderCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  holderName!: string | null;

  @ApiProperty({ type: [CandidateView], description: 'AMBIGUOUS: các cơ quan để chọn' })
  candidates!: CandidateView[];

  @ApiProperty({ ...DAY, nullable: true, description: 'Từ ngày nào (null: không đổi)' })
  effectiveOn!: string | null;

  @ApiProperty()
  due!: boolean;

  @ApiProperty({ description: 'Thư ký đã chọn cơ quan trả lời cho cơ quan nhận này' })
  holderChosen!: boolean;
}

export class OfficerMoveView {
  @ApiProperty({ example: 'stttt@demo.example' })
  email!: string;

  @ApiProperty({ example: 'STTTT' })
  fromCode!: string;

  @ApiProperty({ example: 'SKHCN' })
  toCode!: string;

  @ApiProperty(DAY)
  effectiveOn!: string;

  @ApiProperty()
  due!: boolean;
}

export class ScopedPartView {
  @ApiProperty({ example: 'CAT' })
  code!: string;

  @ApiProperty({ type: String, nullable: true, example: 'sát hạch, cấp giấy phép lái xe' })
  scope!: string | null;
}

export class LeadAgencyMoveView {
  @ApiProperty({ example: 16 })
  pilotNumber!: number;

  @ApiProperty()
  pilotName!: string;

  @ApiProperty({ description: '0: đơn vị chủ trì chính' })
  position!: number;

  @ApiProperty({ example: 'STTTT' })
  fromCode!: string;

  @ApiProperty({ example: 'SKHCN' })
  toCode!: string;

  @ApiProperty({ description: 'Cơ quan kế thừa đã chủ trì mô hình: chỉ đóng dòng cũ' })
  successorAlreadyLeads!: boolean;

  @ApiProperty({
    type: [ScopedPartView],
    description: 'Phần nhiệm vụ của cơ quan cũ chuyển nơi khác: nên kiểm tra lại',
  })
  partsElsewhere!: ScopedPartView[];

  @ApiProperty(DAY)
  effectiveOn!: string;

  @ApiProperty()
  due!: boolean;
}

export class FocalPointsMoveView {
  @ApiProperty({ example: 'BTNMT' })
  fromCode!: string;

  @ApiProperty({ example: 'BNNMT' })
  toCode!: string;

  @ApiProperty({ type: [String] })
  emails!: string[];

  @ApiProperty({
    enum: ['CARRIED', 'LEFT'],
    description:
      'CARRIED: chuyển sang cơ quan kế thừa (chưa có đầu mối); LEFT: cơ quan kế thừa đã có đầu mối riêng, giữ nguyên',
  })
  outcome!: 'CARRIED' | 'LEFT';

  @ApiProperty(DAY)
  effectiveOn!: string;

  @ApiProperty()
  due!: boolean;
}

export class RoleHolderView {
  @ApiProperty({ example: 'GOVERNMENT_WORKING_GROUP' })
  role!: string;

  @ApiProperty({ example: 'TCT06CP' })
  agencyCode!: string;

  @ApiProperty({ example: 'BCDCP', description: 'Cơ quan giữ vai trò sau khi áp dụng' })
  holderCode!: string;

  @ApiProperty({ ...DAY, nullable: true })
  effectiveOn!: string | null;
}

export class ReorganisationPreviewView {
  @ApiProperty({ example: 'reorganisation-2025' })
  packageKey!: string;

  @ApiProperty({ example: 'Sắp xếp tổ chức bộ máy năm 2025' })
  title!: string;

  @ApiProperty({ ...DAY, description: 'Ngày xem trước (hôm nay theo đồng hồ của dịch vụ)' })
  asOf!: string;

  @ApiProperty({ type: [String], description: 'Ghi chú của gói (Ninh Thuận, BQLKKT, …)' })
  notes!: string[];

  @ApiProperty({ description: 'Không còn gì để làm: gói đã được áp dụng' })
  applied!: boolean;

  @ApiProperty({ type: [String], description: 'Vì sao chưa áp dụng được (cơ quan thiếu, …)' })
  problems!: string[];

  @ApiProperty({ type: [PackageAgencyView] })
  agencies!: PackageAgencyView[];

  @ApiProperty({ type: [EndingAgencyView] })
  endingAgencies!: EndingAgencyView[];

  @ApiProperty({ type: [PackageEventView] })
  events!: PackageEventView[];

  @ApiProperty({ type: [LetterAddresseeOutcomeView] })
  letters!: LetterAddresseeOutcomeView[];

  @ApiProperty({ type: [OfficerMoveView] })
  officers!: OfficerMoveView[];

  @ApiProperty({ type: [LeadAgencyMoveView] })
  leadAgencies!: LeadAgencyMoveView[];

  @ApiProperty({ type: [FocalPointsMoveView] })
  focalPoints!: FocalPointsMoveView[];

  @ApiProperty({ type: [RoleHolderView] })
  roles!: RoleHolderView[];
}

export class ReorganisationApplyView {
  @ApiProperty({ example: 'reorganisation-2025' })
  packageKey!: string;

  @ApiProperty(DAY)
  asOf!: string;

  @ApiProperty({ description: 'false: đã áp dụng từ trước, lần này không thay đổi gì' })
  changed!: boolean;

  @ApiProperty({ type: [String], description: 'Mã các cơ quan vừa thêm' })
  agenciesCreated!: string[];

  @ApiProperty({ type: [String], description: 'Khóa các sự kiện vừa ghi' })
  eventsRecorded!: string[];

  @ApiProperty({ description: 'Số sự kiện (đến ngày hiệu lực) vừa thực hiện việc chuyển' })
  eventsRealised!: number;

  @ApiProperty({ type: [OfficerMoveView] })
  officers!: OfficerMoveView[];

  @ApiProperty({ type: [LeadAgencyMoveView] })
  leadAgencies!: LeadAgencyMoveView[];

  @ApiProperty({ type: [FocalPointsMoveView] })
  focalPoints!: FocalPointsMoveView[];

  @ApiProperty({
    type: [PackageEventView],
    description: 'Sự kiện đã ghi nhưng chưa đến ngày hiệu lực: thực hiện tự động vào ngày đó',
  })
  pending!: PackageEventView[];
}
