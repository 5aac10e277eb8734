/**
 * The 2025 reorganisation of the agencies the reference data holds (product.md §9), shipped as
 * data: the successor agencies and the succession events, each with its legal basis. An admin
 * previews and applies it (ReorganisationService); a fresh start whose clock is past its first
 * day applies it as part of the seed. Names are NFC, as the agencies write them; provincial
 * names end "tỉnh Khánh Hòa" like the reference data's, so reports name them "Sở …".
 */
import type { AgencyKind } from '../agency-kind.js';
import type { SuccessionKind } from '../domain/succession.js';

export interface PackageAgency {
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  /** First day it exists under this name; null: it existed before (the merger kept its name). */
  validFrom: string | null;
}

export interface PackageLink {
  fromCode: string;
  toCode: string;
  /** The successor that takes the old agency's organisation: officers, pilots, focal points. */
  isMain: boolean;
  /** The part of the duties this successor takes; null: all, or all but the parts named. */
  scope: string | null;
}

export interface PackageEvent {
  /** Unique across packages: recording the event twice adds nothing. */
  packageKey: string;
  kind: SuccessionKind;
  /** `YYYY-MM-DD`: the first day the successors hold the duties. */
  effectiveOn: string;
  legalBasis: string;
  note: string | null;
  links: PackageLink[];
}

export interface ReorganisationPackage {
  key: string;
  title: string;
  /** What the package deliberately leaves as it is, and why: shown with every preview. */
  notes: string[];
  agencies: PackageAgency[];
  events: PackageEvent[];
}

const NQ_176 = 'Nghị quyết 176/2025/QH15';
const QD_598 = 'Quyết định 598/QĐ-TTg';
const ND_45 = 'Nghị định 45/2025/NĐ-CP';
const MARCH_1 = '2025-03-01';

const KEY = 'reorganisation-2025';
const eventKey = (from: string) => `${KEY}/${from}`;

const main = (fromCode: string, toCode: string): PackageLink => ({
  fromCode,
  toCode,
  isMain: true,
  scope: null,
});
const part = (fromCode: string, toCode: string, scope: string): PackageLink => ({
  fromCode,
  toCode,
  isMain: false,
  scope,
});

// The parts of the labour ministry's duties (and its provincial department's) that did not go
// to Home Affairs.
const SOCIAL_PROTECTION = 'bảo trợ xã hội, trẻ em, phòng, chống tệ nạn xã hội';
const VOCATIONAL_EDUCATION = 'giáo dục nghề nghiệp';
const DRUG_REHABILITATION = 'cai nghiện ma túy và quản lý sau cai nghiện';
const POVERTY_REDUCTION = 'giảm nghèo';

export const REORGANISATION_2025: ReorganisationPackage = {
  key: KEY,
  title: 'Sắp xếp tổ chức bộ máy năm 2025',
  notes: [
    'Từ ngày 01/07/2025, tỉnh Khánh Hòa gồm cả tỉnh Ninh Thuận (Nghị quyết 202/2025/QH15; 34 đơn vị hành chính cấp tỉnh, không còn cấp huyện). Đây là sự tiếp nối: các cơ quan của tỉnh Khánh Hòa trong dữ liệu vẫn là các cơ quan đó, nên không có sự kiện kế thừa nào cho việc hợp nhất tỉnh.',
    'Ban Quản lý Khu kinh tế Vân Phong (BQLKKT) dự kiến được sắp xếp cùng Ban Quản lý các khu công nghiệp tỉnh Ninh Thuận sau ngày 01/07/2025; tên mới và ngày hiệu lực chưa được xác nhận, nên giữ nguyên.',
    'Giữ nguyên tên: Văn phòng UBND tỉnh, Sở Y tế, Sở Giáo dục và Đào tạo, Công an tỉnh, Tổ công tác Đề án 06 tỉnh, ba trường, Bộ Công an, Cục C06, Văn phòng Chính phủ, Bộ Y tế.',
  ],
  agencies: [
    {
      code: 'BKHCN',
      name: 'Bộ Khoa học và Công nghệ',
      shortName: 'Bộ KH&CN',
      kind: 'MINISTRY',
      validFrom: null,
    },
    {
      code: 'BNNMT',
      name: 'Bộ Nông nghiệp và Môi trường',
      shortName: 'Bộ NN&MT',
      kind: 'MINISTRY',
      validFrom: MARCH_1,
    },
    {
      code: 'BNV',
      name: 'Bộ Nội vụ',
      shortName: 'Bộ Nội vụ',
      kind: 'MINISTRY',
      validFrom: null,
    },
    {
      code: 'BGDDT',
      name: 'Bộ Giáo dục và Đào tạo',
      shortName: 'Bộ GD&ĐT',
      kind: 'MINISTRY',
      validFrom: null,
    },
    {
      code: 'BVHTTDL',
      name: 'Bộ Văn hóa, Thể thao và Du lịch',
      shortName: 'Bộ VHTT&DL',
      kind: 'MINISTRY',
      validFrom: null,
    },
    {
      // Its Đề án 06 sub-committee is chaired by the Minister of Public Security.
      code: 'BCDCP',
      name: 'Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06',
      shortName: 'Ban Chỉ đạo của Chính phủ (KHCN, ĐMST, CĐS và Đề án 06)',
      kind: 'WORKING_GROUP',
      validFrom: '2025-03-13',
    },
    {
      code: 'SKHCN',
      name: 'Sở Khoa học và Công nghệ tỉnh Khánh Hòa',
      shortName: 'Sở KH&CN',
      kind: 'PROVINCIAL_DEPARTMENT',
      validFrom: null,
    },
    {
      code: 'SNNMT',
      name: 'Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa',
      shortName: 'Sở NN&MT',
      kind: 'PROVINCIAL_DEPARTMENT',
      validFrom: MARCH_1,
    },
    {
      code: 'SNV',
      name: 'Sở Nội vụ tỉnh Khánh Hòa',
      shortName: 'Sở Nội vụ',
      kind: 'PROVINCIAL_DEPARTMENT',
      validFrom: null,
    },
    {
      code: 'SXD',
      name: 'Sở Xây dựng tỉnh Khánh Hòa',
      shortName: 'Sở Xây dựng',
      kind: 'PROVINCIAL_DEPARTMENT',
      validFrom: null,
    },
    {
      code: 'SVHTTDL',
      name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Khánh Hòa',
      shortName: 'Sở VHTT&DL',
      kind: 'PROVINCIAL_DEPARTMENT',
      validFrom: null,
    },
  ],
  events: [
    {
      packageKey: eventKey('BTTTT'),
      kind: 'MERGE',
      effectiveOn: MARCH_1,
      legalBasis: NQ_176,
      note: 'Bộ Thông tin và Truyền thông hợp nhất vào Bộ Khoa học và Công nghệ; phần báo chí chuyển Bộ Văn hóa, Thể thao và Du lịch, phần an toàn thông tin chuyển Bộ Công an. Kiến nghị còn mở gửi Bộ TT&TT chờ thư ký chọn cơ quan trả lời.',
      links: [
        main('BTTTT', 'BKHCN'),
        part('BTTTT', 'BVHTTDL', 'báo chí'),
        part('BTTTT', 'BCA', 'an toàn thông tin'),
      ],
    },
    {
      packageKey: eventKey('BTNMT'),
      kind: 'MERGE',
      effectiveOn: MARCH_1,
      legalBasis: NQ_176,
      note: 'Bộ Tài nguyên và Môi trường hợp nhất với Bộ Nông nghiệp và Phát triển nông thôn thành Bộ Nông nghiệp và Môi trường.',
      links: [main('BTNMT', 'BNNMT')],
    },
    {
      packageKey: eventKey('BLDTBXH'),
      kind: 'SPLIT',
      effectiveOn: MARCH_1,
      legalBasis: NQ_176,
      note: 'Bộ Lao động - Thương binh và Xã hội kết thúc hoạt động; Bộ Nội vụ tiếp nhận phần chính, các phần khác chuyển Bộ Y tế, Bộ Giáo dục và Đào tạo, Bộ Công an, Bộ Nông nghiệp và Môi trường.',
      links: [
        main('BLDTBXH', 'BNV'),
        part('BLDTBXH', 'BYT', SOCIAL_PROTECTION),
        part('BLDTBXH', 'BGDDT', VOCATIONAL_EDUCATION),
        part('BLDTBXH', 'BCA', DRUG_REHABILITATION),
        part('BLDTBXH', 'BNNMT', POVERTY_REDUCTION),
      ],
    },
    {
      packageKey: eventKey('TCT06CP'),
      kind: 'MERGE',
      effectiveOn: '2025-03-13',
      legalBasis: QD_598,
      note: 'Tổ công tác triển khai Đề án 06 của Chính phủ nhập vào Ban Chỉ đạo của Chính phủ (Tiểu ban Đề án 06 do Bộ trưởng Bộ Công an làm Trưởng tiểu ban); Ban Chỉ đạo giữ vai trò "Tổ công tác của Chính phủ" trong thư đôn đốc.',
      links: [main('TCT06CP', 'BCDCP')],
    },
    {
      packageKey: eventKey('STTTT'),
      kind: 'MERGE',
      effectiveOn: MARCH_1,
      legalBasis: ND_45,
      note: 'Sở Thông tin và Truyền thông hợp nhất vào Sở Khoa học và Công nghệ.',
      links: [main('STTTT', 'SKHCN')],
    },
    {
      packageKey: eventKey('STNMT'),
      kind: 'MERGE',
      effectiveOn: MARCH_1,
      legalBasis: ND_45,
      note: 'Sở Tài nguyên và Môi trường hợp nhất với Sở Nông nghiệp và Phát triển nông thôn thành Sở Nông nghiệp và Môi trường.',
      links: [main('STNMT', 'SNNMT')],
    },
    {
      packageKey: eventKey('SLDTBXH'),
      kind: 'SPLIT',
      effectiveOn: MARCH_1,
      legalBasis: ND_45,
      note: 'Sở Lao động - Thương binh - Xã hội kết thúc hoạt động; Sở Nội vụ tiếp nhận phần chính, các phần khác chuyển Sở Y tế, Sở Giáo dục và Đào tạo, Công an tỉnh, Sở Nông nghiệp và Môi trường.',
      links: [
        main('SLDTBXH', 'SNV'),
        part('SLDTBXH', 'SYT', SOCIAL_PROTECTION),
        part('SLDTBXH', 'SGDDT', VOCATIONAL_EDUCATION),
        part('SLDTBXH', 'CAT', DRUG_REHABILITATION),
        part('SLDTBXH', 'SNNMT', POVERTY_REDUCTION),
      ],
    },
    {
      packageKey: eventKey('SGTVT'),
      kind: 'MERGE',
      effectiveOn: MARCH_1,
      legalBasis: ND_45,
      note: 'Sở Giao thông vận tải hợp nhất vào Sở Xây dựng; phần sát hạch, cấp giấy phép lái xe chuyển Công an tỉnh.',
      links: [main('SGTVT', 'SXD'), part('SGTVT', 'CAT', 'sát hạch, cấp giấy phép lái xe')],
    },
    {
      packageKey: eventKey('SDL'),
      kind: 'MERGE',
      effectiveOn: MARCH_1,
      legalBasis: ND_45,
      note: 'Sở Du lịch hợp nhất vào Sở Văn hóa, Thể thao và Du lịch. Ngày hiệu lực cần xác nhận (date to confirm).',
      links: [main('SDL', 'SVHTTDL')],
    },
  ],
};

/** The first day any of the package's events takes effect: before it, a fresh start leaves it. */
export const REORGANISATION_2025_FROM = REORGANISATION_2025.events
  .map((e) => e.effectiveOn)
  .reduce((a, b) => (a < b ? a : b));
