import type { EntityManager } from 'typeorm';
import type { IndicatorKind } from '../indicators/domain/indicator-kind.js';
import { Indicator } from '../indicators/indicator.entity.js';
import { IndicatorValue, IndicatorValueRevision } from '../indicators/indicator-value.entity.js';
import { PILOTS } from './reference-data.js';

/**
 * The figures of report 442 as indicators (issue 15, item 3). Section I's province-wide figures,
 * each owned by the agency the report names as doing the work (the provincial TTHC system and
 * its data: Sở TT&TT, whose Trung tâm CNTT và Dịch vụ hành chính công trực tuyến runs it; the
 * essential public services: Văn phòng UBND tỉnh; CCCD and electronic identification: Công an
 * tỉnh; each sector's data: its department). Figures of agencies the reference data does not
 * hold (BHXH tỉnh, Sở Tư pháp, Sở Nội vụ, the associations of I.7.7) are left out. Then every
 * pilot's `metrics` key, named: a pilot indicator's code is its metrics key.
 */
export interface IndicatorSeed {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  agencyCode: string;
  section: string;
  pilotNumber?: number;
  denominatorMetric?: string;
  /** The December 2023 value; a ratio's whole in `of`. */
  value: number;
  of?: number;
  note?: string;
}

const province = (
  section: string,
  agencyCode: string,
  code: string,
  name: string,
  unit: string,
  value: number,
  of?: number,
  note?: string,
): IndicatorSeed => ({
  code,
  name,
  unit,
  kind: of === undefined ? (unit === '' ? 'PERCENT' : 'NUMBER') : 'RATIO',
  agencyCode,
  section,
  value,
  of,
  note,
});

export const PROVINCE_INDICATORS: readonly IndicatorSeed[] = [
  province(
    'I.4.2',
    'VPUBND',
    'dvcThietYeuDeAn06',
    'Dịch vụ công thiết yếu Đề án 06 thuộc thẩm quyền của tỉnh đã cung cấp',
    'dịch vụ',
    10,
    10,
    'Trên Cổng dịch vụ công của tỉnh: 06; trên phần mềm do Trung ương cung cấp: 04',
  ),
  province(
    'I.4.2',
    'CAT',
    'dvcThietYeuCongAnTinh',
    'Dịch vụ công trực tuyến thiết yếu Đề án 06 Công an tỉnh cung cấp trên Cổng dịch vụ công Bộ Công an',
    'dịch vụ',
    11,
    11,
  ),
  province(
    'I.4.2',
    'STTTT',
    'dvcTichHopCongQuocGia',
    'Dịch vụ công trực tuyến của tỉnh tích hợp trên Cổng dịch vụ công quốc gia',
    'dịch vụ',
    855,
  ),
  province(
    'I.4.2',
    'STTTT',
    'luotKhaiThacCsdlqgDanCu',
    'Lượt khai thác CSDLQG về dân cư phục vụ tiếp nhận và giải quyết TTHC',
    'lượt',
    93_754,
    undefined,
    'Xác minh CCCD/CMND 9.103 lượt; xác minh thông tin chủ hộ 1.702 lượt; lấy thông tin công dân 82.949 lượt',
  ),
  province(
    'I.4.3',
    'STTTT',
    'hoSoTthcDaSoHoa',
    'Hồ sơ, kết quả giải quyết TTHC đã được số hóa',
    'hồ sơ',
    268_905,
  ),
  province(
    'I.4.3',
    'STTTT',
    'hoSoTthcSoHoaTrongThang',
    'Hồ sơ, kết quả giải quyết TTHC được số hóa trong tháng',
    'hồ sơ',
    19_416,
  ),
  province(
    'I.5.2',
    'SGDDT',
    'truongThanhToanKhongTienMat',
    'Đơn vị lĩnh vực giáo dục đã triển khai thanh toán không dùng tiền mặt',
    'đơn vị',
    460,
    475,
  ),
  province(
    'I.5.2',
    'SGDDT',
    'truongThptThanhToanKhongTienMat',
    'Trong đó: cấp THPT',
    'đơn vị',
    33,
    34,
  ),
  province(
    'I.5.2',
    'SGDDT',
    'truongThcsThanhToanKhongTienMat',
    'Trong đó: cấp THCS',
    'đơn vị',
    116,
    118,
  ),
  province(
    'I.5.2',
    'SGDDT',
    'truongTieuHocThanhToanKhongTienMat',
    'Trong đó: cấp Tiểu học',
    'đơn vị',
    151,
    163,
  ),
  province(
    'I.5.2',
    'SGDDT',
    'truongMamNonThanhToanKhongTienMat',
    'Trong đó: cấp Mầm non',
    'đơn vị',
    160,
    160,
  ),
  province(
    'I.5.2',
    'SYT',
    'coSoKcbThanhToanKhongTienMat',
    'Cơ sở khám chữa bệnh đã triển khai thanh toán không dùng tiền mặt',
    '',
    100,
  ),
  province(
    'I.5.2',
    'SLDTBXH',
    'doiTuongAnSinhDaRaSoat',
    'Đối tượng thuộc diện chi trả an sinh xã hội đã rà soát',
    'đối tượng',
    52_647,
    55_170,
  ),
  province(
    'I.5.2',
    'SLDTBXH',
    'doiTuongAnSinhCoTaiKhoan',
    'Người đã có tài khoản (mong muốn chi trả qua tài khoản)',
    'người',
    3_761,
  ),
  province(
    'I.5.2',
    'SLDTBXH',
    'doiTuongAnSinhChiTraQuaTaiKhoan',
    'Người đã được chi trả an sinh xã hội qua tài khoản chính chủ',
    'người',
    3_691,
  ),
  province(
    'I.5.2',
    'SLDTBXH',
    'tienAnSinhChiTraQuaTaiKhoan',
    'Tổng số tiền chi trả an sinh xã hội qua tài khoản',
    'ngàn đồng',
    5_171_701,
  ),
  province(
    'I.6',
    'CAT',
    'hoSoCccdDaThuNhan',
    'Hồ sơ CCCD đã thu nhận (tính đến ngày 15/12/2023)',
    'hồ sơ',
    1_191_479,
  ),
  province(
    'I.6',
    'CAT',
    'hoSoCccdThuNhanTrongKy',
    'Hồ sơ CCCD thu nhận trong kỳ báo cáo',
    'hồ sơ',
    7_402,
    undefined,
    'Cấp mới 4.332; cấp đổi 1.428; cấp lại 1.642; đã nhận thẻ từ Cục C06: 6.170 thẻ; trả thẻ: 6.258 thẻ',
  ),
  province(
    'I.6',
    'CAT',
    'hoSoDinhDanhDienTuDaThuNhan',
    'Hồ sơ định danh điện tử đã thu nhận',
    'hồ sơ',
    1_194_032,
  ),
  province(
    'I.6',
    'CAT',
    'taiKhoanDinhDanhDienTuDaKichHoat',
    'Tài khoản định danh điện tử đã kích hoạt',
    'tài khoản',
    753_782,
  ),
  province(
    'I.6',
    'CAT',
    'hoSoDinhDanhDienTuTrongThang',
    'Hồ sơ định danh điện tử thu nhận trong tháng',
    'hồ sơ',
    35_504,
  ),
  province(
    'I.6',
    'CAT',
    'taiKhoanDinhDanhDienTuKichHoatTrongThang',
    'Tài khoản định danh điện tử kích hoạt trong tháng',
    'tài khoản',
    27_210,
  ),
  province(
    'I.7.1',
    'SYT',
    'duLieuTiemChungDaLamSach',
    'Dữ liệu tiêm chủng COVID-19 đã rà soát, làm sạch, cập nhật vào hệ thống của Bộ Y tế',
    'dữ liệu',
    206_076,
    282_654,
  ),
  province(
    'I.7.1',
    'SYT',
    'muiTiemHoChieuVacXin',
    'Mũi tiêm đã cập nhật và ký xác nhận hộ chiếu vắc xin',
    'mũi tiêm',
    3_362_973,
    3_521_358,
  ),
  province(
    'I.7.2',
    'SLDTBXH',
    'doiTuongBaoTroXaHoiDaCapNhat',
    'Đối tượng bảo trợ xã hội đã rà soát, cập nhật (100%)',
    'đối tượng',
    50_327,
  ),
  province(
    'I.7.2',
    'SLDTBXH',
    'treEmCoMaDinhDanh',
    'Trẻ em được cập nhật và có mã định danh trên phần mềm trẻ em',
    'trẻ em',
    267_831,
    269_424,
  ),
  province(
    'I.7.2',
    'SLDTBXH',
    'nguoiCoCongDaCapNhat',
    'Dữ liệu người có công đã cập nhật vào CSDLQG về dân cư',
    'người',
    4_612,
    4_783,
  ),
  province(
    'I.7.2',
    'SLDTBXH',
    'phieuNguoiLaoDongDaLamSach',
    'Phiếu thu thập thông tin người lao động đã rà soát, chuẩn hóa, làm sạch',
    'phiếu',
    840_563,
    840_563,
  ),
  province(
    'I.7.2',
    'SLDTBXH',
    'nguoiLaoDongDaCapNhatCsdlqg',
    'Thông tin người lao động đã cập nhật vào CSDLQG về dân cư',
    'người lao động',
    378_875,
    840_563,
  ),
  province(
    'I.7.6',
    'STNMT',
    'thuaDatDaSoHoaToanTinh',
    'Thửa đất đã được cấp giấy chứng nhận đã số hóa',
    'thửa',
    712_011,
    712_011,
  ),
];

/** Pilot metrics keys, named (the whole of a ratio is its `denominatorMetric`, not an indicator). */
const PILOT_METRICS: readonly Omit<IndicatorSeed, 'value' | 'of' | 'agencyCode' | 'section'>[] = [
  {
    pilotNumber: 4,
    code: 'coSoTrienKhai',
    name: 'Cơ sở KCB triển khai',
    unit: 'cơ sở',
    kind: 'RATIO',
    denominatorMetric: 'tongSoCoSoKcbBhyt',
  },
  {
    pilotNumber: 4,
    code: 'tyLeCoSoTrienKhai',
    name: 'Tỷ lệ cơ sở KCB triển khai',
    unit: '',
    kind: 'PERCENT',
  },
  {
    pilotNumber: 4,
    code: 'luotTraCuuTheBhytBangCccd',
    name: 'Lượt tra cứu thông tin thẻ BHYT bằng CCCD',
    unit: 'lượt',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 5,
    code: 'congAnPhuongTapHuan',
    name: 'Công an phường được tập huấn',
    unit: 'đơn vị',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 5,
    code: 'coSoLuuTruTapHuan',
    name: 'Cơ sở lưu trú được tập huấn',
    unit: 'cơ sở',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 5,
    code: 'coSoLuuTruDeNghiKhaiBaoAsm',
    name: 'Cơ sở lưu trú được đề nghị khai báo qua phần mềm ASM',
    unit: 'cơ sở',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 6,
    code: 'benhVienThiDiemGiaiDoan1',
    name: 'Bệnh viện thí điểm giai đoạn 1',
    unit: 'bệnh viện',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 8,
    code: 'coQuanDauMoiThongNhatTrienKhai',
    name: 'Cơ quan đầu mối thống nhất triển khai',
    unit: 'cơ quan',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 10,
    code: 'coSoDaTuyenTruyen',
    name: 'Cơ sở kinh doanh có điều kiện về ANTT đã được tuyên truyền',
    unit: 'cơ sở',
    kind: 'RATIO',
    denominatorMetric: 'tongSoCoSo',
  },
  {
    pilotNumber: 10,
    code: 'coSoDangKyTrangBiThietBi',
    name: 'Cơ sở đăng ký nhu cầu trang bị thiết bị',
    unit: 'cơ sở',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 14,
    code: 'dhkhBuoiTapHuan',
    name: 'Trường Đại học Khánh Hòa: buổi tập huấn phần mềm khaothi.online',
    unit: 'buổi',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 14,
    code: 'dhkhSinhVienDuKienThi',
    name: 'Trường Đại học Khánh Hòa: sinh viên dự kiến thi',
    unit: 'sinh viên',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 14,
    code: 'dhkhPhutMoiCaThi',
    name: 'Trường Đại học Khánh Hòa: thời gian mỗi ca thi',
    unit: 'phút',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 14,
    code: 'dhkhSinhVienMoiCaThi',
    name: 'Trường Đại học Khánh Hòa: sinh viên mỗi ca thi',
    unit: 'sinh viên',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 14,
    code: 'cdktcnPhutBaiThiToan',
    name: 'Trường Cao đẳng Kỹ thuật Công nghệ Nha Trang: thời gian bài thi Toán',
    unit: 'phút',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 16,
    code: 'tyLeCongDanDuDieuKienDuocCapCccd',
    name: 'Tỷ lệ công dân đủ điều kiện được cấp CCCD',
    unit: '',
    kind: 'PERCENT',
  },
  {
    pilotNumber: 16,
    code: 'taiKhoanDinhDanhDienTuDaCap',
    name: 'Tài khoản định danh điện tử đã cấp theo chỉ tiêu',
    unit: 'tài khoản',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 21,
    code: 'canBoChienSiCongAnTinhDaDaoTao',
    name: 'Cán bộ, chiến sĩ Công an tỉnh đã được đào tạo',
    unit: 'người',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 21,
    code: 'canBoCongChucDangKyDaoTao',
    name: 'Cán bộ, công chức, viên chức đăng ký đào tạo',
    unit: 'người',
    kind: 'NUMBER',
  },
  {
    pilotNumber: 22,
    code: 'tyLeTinBaoQuaVneidToiThieu',
    name: 'Tỷ lệ tối thiểu tin báo qua ứng dụng VNeID',
    unit: '',
    kind: 'PERCENT',
  },
  {
    pilotNumber: 24,
    code: 'tyLeCoSoMamNonDuocGioiThieuHeThong',
    name: 'Tỷ lệ cơ sở giáo dục mầm non được giới thiệu hệ thống quản trị',
    unit: '',
    kind: 'PERCENT',
  },
  {
    pilotNumber: 25,
    code: 'thuaDatDaSoHoa',
    name: 'Thửa đất đã cấp giấy chứng nhận đã số hóa',
    unit: 'thửa',
    kind: 'RATIO',
    denominatorMetric: 'thuaDatDaCapGcn',
  },
  {
    pilotNumber: 25,
    code: 'tyLeThuaDatDaSoHoa',
    name: 'Tỷ lệ thửa đất đã số hóa',
    unit: '',
    kind: 'PERCENT',
  },
];

/** A pilot indicator's owner: the school its code names (pilot 14), else the primary lead. */
const OWNER_BY_PREFIX: Record<string, string> = { dhkh: 'DHKH', cdktcn: 'CDKTCN' };

/** The pilot indicators with their December 2023 values from the pilots' metrics. */
export function pilotIndicators(): IndicatorSeed[] {
  return PILOT_METRICS.map((s) => {
    const pilot = PILOTS.find((p) => p.number === s.pilotNumber)!;
    const metrics = pilot.metrics ?? {};
    const prefix = Object.keys(OWNER_BY_PREFIX).find((k) => s.code.startsWith(k));
    return {
      ...s,
      agencyCode: prefix ? OWNER_BY_PREFIX[prefix] : pilot.leadAgencyCodes[0],
      section: 'I.5.1',
      value: metrics[s.code],
      of: s.denominatorMetric ? metrics[s.denominatorMetric] : undefined,
    };
  });
}

/**
 * Adds the catalogue entries missing by code and, for the ones it adds, their December 2023
 * value, dated as the report (a revision at `asOf`, no author). Returns how many it added.
 */
export async function loadReferenceIndicators(
  m: EntityManager,
  period: string,
  asOf: Date,
): Promise<number> {
  const have = new Set(
    ((await m.query(`SELECT code FROM indicator`)) as { code: string }[]).map((r) => r.code),
  );
  const agencies = new Map(
    ((await m.query(`SELECT id, code FROM agency`)) as { id: string; code: string }[]).map((a) => [
      a.code,
      a.id,
    ]),
  );
  const pilots = new Map(
    ((await m.query(`SELECT id, number FROM pilot`)) as { id: string; number: number }[]).map(
      (p) => [p.number, p.id],
    ),
  );
  const seeds = [...PROVINCE_INDICATORS, ...pilotIndicators()];
  let added = 0;
  for (const [index, seed] of seeds.entries()) {
    if (have.has(seed.code)) continue;
    const pilotId = seed.pilotNumber === undefined ? null : (pilots.get(seed.pilotNumber) ?? null);
    if (seed.pilotNumber !== undefined && !pilotId) continue;
    const { identifiers } = await m.insert(Indicator, {
      code: seed.code,
      name: seed.name,
      unit: seed.unit,
      kind: seed.kind,
      pilotId,
      agencyId: agencies.get(seed.agencyCode)!,
      section: seed.section,
      displayOrder: (index + 1) * 10,
      denominatorMetric: seed.denominatorMetric ?? null,
      createdAt: asOf,
      updatedAt: asOf,
    });
    const value = await m.save(
      m.create(IndicatorValue, {
        indicatorId: identifiers[0].id as string,
        period,
        value: seed.value,
        denominator: seed.of ?? null,
        note: seed.note ?? null,
        authorId: null,
        createdAt: asOf,
        updatedAt: asOf,
      }),
    );
    await m.insert(IndicatorValueRevision, {
      valueId: value.id,
      value: seed.value,
      denominator: seed.of ?? null,
      at: asOf,
      authorId: null,
    });
    added += 1;
  }
  return added;
}
