/**
 * Reference data transcribed from report 442/BC-TCTĐA06 of 20/12/2023 (Tổ công tác Đề án 06
 * tỉnh Khánh Hòa, monthly report for December 2023): agencies, the 31 pilot models of the
 * appendix (PHỤ LỤC), the blockers of sections II.2 and III and the recommendations sent to
 * central agencies. Texts are kept as the report spells them (NFC); HTML remnants and footnote
 * markers are removed, and the footnotes that explain a pilot's text (9, 10 and 11) follow that
 * text as a "Ghi chú" paragraph.
 */
import type {
  AgencySeed,
  BlockerSeed,
  PilotSeed,
  RecommendationSeed,
} from './reference-data.types.js';

export const REPORT_DATE = '2023-12-20';

/** A footnote of the report: its number, the words it is attached to, and its text, verbatim. */
export interface Footnote {
  number: number;
  anchor: string;
  text: string;
}

/** The footnotes of report 442 that explain a pilot's text (section II.2 and the appendix). */
export const FOOTNOTES: Readonly<Record<9 | 10 | 11, Footnote>> = {
  9: {
    number: 9,
    anchor: 'các dữ liệu đã được xác thực là đúng với CSDLQG về dân cư trên Kiosk',
    // The closing quotation mark without an opening one is the report's.
    text: 'CCCD, ngày cấp, ngày hết hạn, ảnh chân dung, họ tên, ngày sinh, giới tính, quốc tịch, dân tộc, tôn giáo, quê quán, địa chỉ thường trú, họ tên cha, họ tên mẹ, vợ/chồng, CMND, nhận dạng”',
  },
  10: {
    number: 10,
    anchor: '03 chức năng',
    text: 'Tra cứu CMND/CCCD, lấy thông tin công dân, tra cứu chủ hộ',
  },
  11: {
    number: 11,
    anchor: '15 cơ sở kinh doanh lưu trú trên địa bàn thành phố Nha Trang',
    text: 'Khách sạn Red, địa chỉ: 14 Trịnh Phong, Phước Tiến, Nha Trang; Khách sạn Gis, địa chỉ: 14B Mạc Đình Chi, Phước Tiến, Nha Trang; Khách sạn An, địa chỉ: 08 Hoàng Diệu, Vĩnh Nguyên, Nha Trang; Khách sạn Dubai, địa chỉ: 95 Hoàng Diệu, Vĩnh Nguyên, Nha Trang; Khách sạn Nhật Ánh, địa chỉ: 96 Hoàng Diệu, Vĩnh Nguyên, Nha Trang; Khách sạn Ivy, địa chỉ: 127 Hồng Bàng, Tân Lập, Nha Trang; Khách sạn Seasta, địa chỉ: 116A Hồng Bàng, Tân Lập, Nha Trang; Khách sạn Litte Nha Trang, địa chỉ: 26B Nguyễn Thiện Thuật, Tân Lập, Nha Trang; Căn hộ Ken Nguyễn, địa chỉ: 47C Trịnh Phong, Tân Lập, Nha Trang; Khách sạn The Beach House, địa chỉ: 48 Lê Đại Hành, Tân Lập, Nha Trang; Khách sạn Amber, địa chỉ: 38 Biệt Thự, Tân Lập, Nha Trang; Khách sạn DTX, địa chỉ: 3A Quân Trấn, Lộc Thọ, Nha Trang; Khách sạn Liberty Central Nha Trang, địa chỉ: 09 Biệt Thự, Lộc Thọ, Nha Trang; Khách sạn Vega City Nha Trang, địa chỉ: Bãi Tiên, Vĩnh Hòa, Nha Trang; Khách sạn Ibis Styles Nha Trang, địa chỉ: 86 Hùng Vương, Lộc Thọ, Nha Trang.',
  },
};

export const FOOTNOTES_HEADING = 'Ghi chú (chú thích của Báo cáo số 442/BC-TCTĐA06):';

/**
 * A text followed by the report's footnotes on it, as a last paragraph:
 * "Ghi chú (chú thích của Báo cáo số 442/BC-TCTĐA06):" and one line per footnote,
 * "- Chú thích 11 (<the words it is attached to>): <its text>".
 */
export function withFootnotes(text: string, ...notes: Footnote[]): string {
  return [
    text,
    FOOTNOTES_HEADING,
    ...notes.map((n) => `- Chú thích ${n.number} (${n.anchor}): ${n.text}`),
  ].join('\n');
}

export const AGENCIES: readonly AgencySeed[] = [
  {
    code: 'VPUBND',
    name: 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa',
    shortName: 'VP UBND tỉnh',
    kind: 'PROVINCIAL_OFFICE',
  },
  {
    code: 'SYT',
    name: 'Sở Y tế tỉnh Khánh Hòa',
    shortName: 'Sở Y tế',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    code: 'SDL',
    name: 'Sở Du lịch tỉnh Khánh Hòa',
    shortName: 'Sở Du lịch',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    code: 'SGTVT',
    name: 'Sở Giao Thông vận tải tỉnh Khánh Hòa',
    shortName: 'Sở GTVT',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    code: 'BQLKKT',
    name: 'Ban Quản lý Khu kinh tế Vân Phong',
    shortName: 'BQL KKT Vân Phong',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    code: 'STTTT',
    name: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    shortName: 'Sở TTTT',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    code: 'SGDDT',
    name: 'Sở Giáo dục và Đào tạo tỉnh Khánh Hòa',
    shortName: 'Sở GDĐT',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    code: 'STNMT',
    name: 'Sở Tài nguyên và Môi trường tỉnh Khánh Hòa',
    shortName: 'Sở TN&MT',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    code: 'SLDTBXH',
    name: 'Sở Lao động - Thương binh - Xã hội tỉnh Khánh Hòa',
    shortName: 'Sở LĐ-TB&XH',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    code: 'CAT',
    name: 'Công an tỉnh Khánh Hòa',
    shortName: 'Công an tỉnh',
    kind: 'PROVINCIAL_DEPARTMENT',
  },
  {
    // Issuer of 5305, 5772 and report 442 itself; Công an tỉnh is its standing body.
    code: 'TCTDA06',
    name: 'Tổ công tác Đề án 06 tỉnh Khánh Hòa',
    shortName: 'Tổ công tác Đề án 06 tỉnh',
    kind: 'WORKING_GROUP',
  },
  {
    code: 'DHKH',
    name: 'Trường Đại học Khánh Hòa',
    shortName: 'Trường ĐH Khánh Hòa',
    kind: 'SCHOOL',
  },
  {
    code: 'CDKTCN',
    name: 'Trường Cao đẳng Kỹ thuật Công nghệ Nha Trang',
    shortName: 'Trường CĐ KTCN Nha Trang',
    kind: 'SCHOOL',
  },
  {
    code: 'CDYT',
    name: 'Trường Cao đẳng Y tế Khánh Hòa',
    shortName: 'Trường CĐ Y tế Khánh Hòa',
    kind: 'SCHOOL',
  },
  {
    code: 'BCA',
    name: 'Bộ Công an',
    shortName: 'Bộ Công an',
    kind: 'MINISTRY',
  },
  {
    code: 'C06',
    name: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    shortName: 'Cục Cảnh sát QLHC về TTXH',
    kind: 'CENTRAL_AGENCY',
    parentCode: 'BCA',
  },
  {
    code: 'VPCP',
    name: 'Văn phòng Chính phủ',
    shortName: 'VPCP',
    kind: 'CENTRAL_AGENCY',
  },
  {
    code: 'BYT',
    name: 'Bộ Y tế',
    shortName: 'Bộ Y tế',
    kind: 'MINISTRY',
  },
  {
    // 4338/SYT-TCHC went "tới Cục Công nghệ thông tin và Cục Y tế dự phòng (Bộ Y tế)".
    code: 'BYT_CNTT',
    name: 'Cục Công nghệ thông tin',
    shortName: 'Cục Công nghệ thông tin',
    kind: 'CENTRAL_AGENCY',
    parentCode: 'BYT',
  },
  {
    code: 'BYT_YTDP',
    name: 'Cục Y tế dự phòng',
    shortName: 'Cục Y tế dự phòng',
    kind: 'CENTRAL_AGENCY',
    parentCode: 'BYT',
  },
  {
    code: 'BTNMT',
    name: 'Bộ Tài nguyên và Môi trường',
    shortName: 'Bộ TN&MT',
    kind: 'MINISTRY',
  },
  {
    code: 'BTTTT',
    name: 'Bộ Thông tin và Truyền thông',
    shortName: 'Bộ TT&TT',
    kind: 'MINISTRY',
  },
  {
    code: 'BLDTBXH',
    name: 'Bộ Lao động - Thương binh và Xã hội',
    shortName: 'Bộ LĐ-TB&XH',
    kind: 'MINISTRY',
  },
  {
    code: 'TCT06CP',
    name: 'Tổ công tác triển khai Đề án 06 của Chính phủ',
    shortName: 'Tổ công tác Đề án 06 của Chính phủ',
    kind: 'WORKING_GROUP',
  },
];

export const PILOTS: readonly PilotSeed[] = [
  {
    number: 1,
    name: 'Triển khai 53 dịch vụ thiết yếu',
    leadAgencyCodes: ['VPUBND'],
    leadAgenciesLabel: 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa',
    state: 'OPERATING',
    progress:
      '- UBND Thành phố Nha Trang đã triển khai mô hình “Điểm trải nghiệm, hỗ trợ và hướng dẫn dịch vụ công trực tuyến” trên địa bàn xã, phường. - Ngày 08/11/2023, Văn phòng UBND tỉnh đã ban hành Văn bản số 1341/VPUBND-KSTT đề nghị UBND các huyện, thị xã, thành phố tiếp tục rà soát, bảo đảm trang thiết bị (máy tính, máy scan,...) tại Bộ phận Một cửa phục vụ số hóa hồ sơ, kết quả giải quyết TTHC, cung cấp dịch vụ công trực tuyến cho tổ chức, cá nhân theo quy định. Duy trì và triển khai hiệu quả hoạt động của Tổ công nghệ số cộng đồng và triển khai Đề án 06; tổ chức các chương trình tập huấn, đào tạo, hỗ trợ trải nghiệm dịch vụ công trực tuyến của người dân thông qua Tổ công nghệ số cộng đồng và triển khai Đề án 06.',
  },
  {
    number: 2,
    name: 'Tự động hóa Bộ phận một cửa các cấp thông qua tương tác Kiosk',
    leadAgencyCodes: ['VPUBND'],
    leadAgenciesLabel: 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa',
    state: 'PILOTING',
    progress: withFootnotes(
      'Đã triển khai thí điểm mô hình kiosk tại trung tâm phục vụ hành chính công tỉnh Khánh Hòa kể từ ngày 30/09/2023. Đã hoàn thành chức năng xác thực CCCD và chủ thẻ CCCD với CSDLQG về dân cư, đã hoàn thành kết nối API liên quan tới lấy số thứ tự tại Trung tâm; đang hoàn thiện các chức năng liên quan tới nộp hồ sơ trực tiếp tại Trung tâm, thanh toán trực tuyến phí, lệ phí, đánh giá hài lòng; đang xây dựng chức năng nộp hồ sơ trực tuyến để triển khai bổ sung cho mô hình 1 (đặt ở khu đông dân cư).',
      FOOTNOTES[9],
      FOOTNOTES[10],
    ),
  },
  {
    number: 3,
    name: 'Xây dựng tối thiểu 20 dịch vụ công không sử dụng hồ sơ giấy',
    leadAgencyCodes: ['VPUBND'],
    leadAgenciesLabel: 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa',
    state: 'NOT_STARTED',
    progress: 'Chưa ghi nhận',
  },
  {
    number: 4,
    name: 'Khám chữa bệnh sử dụng thẻ CCCD và VNeID',
    leadAgencyCodes: ['SYT'],
    leadAgenciesLabel: 'Sở Y tế tỉnh Khánh Hòa',
    state: 'OPERATING',
    progress:
      'Toàn tỉnh đã có 176/176 cơ sở khám chữa bệnh triển khai khám chữa bệnh BHYT bằng CCCD gắn chip (đạt 100% tổng số cơ sở KCB BHYT trên toàn tỉnh) với 557.045 lượt tra cứu thông tin thẻ BHYT bằng CCCD thành công phục vụ làm thủ tục KCB BHYT.',
    metrics: {
      coSoTrienKhai: 176,
      tongSoCoSoKcbBhyt: 176,
      tyLeCoSoTrienKhai: 100,
      luotTraCuuTheBhytBangCccd: 557_045,
    },
  },
  {
    number: 5,
    name: 'Triển khai nền tảng quản lý lưu trú tại: Nhà trọ; Nhà nghỉ; Khách sạn 2-3*; Khách sạn 4*; Khách sạn 5*; Nhà khách; Nhà công vụ',
    leadAgencyCodes: ['SDL'],
    leadAgenciesLabel: 'Sở Du lịch tỉnh Khánh Hòa',
    state: 'PILOTING',
    progress: withFootnotes(
      '- Ngày 19/7/2023, Công an tỉnh đã tổ chức hội nghị tập huấn, hướng dẫn sử dụng phần mềm ASM đối với Sở Du lịch, Công an Thành phố Nha Trang, 05 Công an phường có tuyến biển và 15 cơ sở kinh doanh lưu trú trên địa bàn thành phố Nha Trang. - Ngày 06/10/2023, Sở Du lịch tỉnh Khánh Hòa ban hành Văn bản số 2154/SLD-VP về việc triển khai mô hình, theo đó đề nghị 15 cơ sở lưu trú du lịch thực hiện khai báo khách du lịch qua Hệ thống ASM. Hiện đang tiếp tục phối hợp với các cơ sở rà soát, đánh giá khó khăn, vướng mắc và nghiên cứu giải đáp vấn đề chưa rõ.',
      FOOTNOTES[11],
    ),
    metrics: {
      congAnPhuongTapHuan: 5,
      coSoLuuTruTapHuan: 15,
      coSoLuuTruDeNghiKhaiBaoAsm: 15,
    },
  },
  {
    number: 6,
    name: 'Triển khai nền tảng quản lý lưu trú tại cơ sở khám chữa bệnh',
    leadAgencyCodes: ['SYT'],
    leadAgenciesLabel: 'Sở Y tế tỉnh Khánh Hòa',
    state: 'PILOTING',
    progress:
      '- Ngày 10/8/2023, Sở Y tế tỉnh Khánh Hòa ban hành Văn bản số 3205/SYT-TCHC v/v triển khai mô hình nền tảng quản lý lưu trú tại cơ sở khám chữa bệnh, theo đó Sở Y tế chọn 02 đơn vị để triển khai thí điểm giai đoạn 1 gồm: (1) Bệnh viện Y học cổ truyền và phục hồi chức năng (YHCT & PHCN); (2) Bệnh viện Lao & Bệnh phổi.\n- Ngày 30/09/2023, Bệnh viện YHCT&PHCN đã được Công an phường Vĩnh Phước; 02/10/2023, Bệnh viện Lao & Bệnh phổi được Công an phường Vĩnh Hải cấp tài khoản đăng nhập hệ thống ASM.\n- Bắt đầu từ ngày 30/09/2023, Bệnh viện YHCT&PHCN Khánh Hòa đã khai báo các bệnh nhân nội trú tại khoa Bệnh nghề nghiệp trên hệ thống ASM.\n- Bắt đầu từ ngày 02/10/2023, Bệnh viện Lao & bệnh phổi đã tiến hành thiết lập sơ đồ lưu trú và khai báo lưu trú cho các bệnh nhân nội trú tại khoa Lao ngoài phổi và bệnh phổi trên hệ thống ASM.\nHiện các đơn vị đang tiếp tục triển khai thực hiện theo hướng dẫn của Cục Cảnh sát QLHC về TTXH.',
    metrics: {
      benhVienThiDiemGiaiDoan1: 2,
    },
  },
  {
    number: 7,
    name: 'Triển khai nền tảng quản lý lưu trú trên xe khách đường dài',
    leadAgencyCodes: ['SGTVT'],
    leadAgenciesLabel: 'Sở Giao Thông vận tải tỉnh Khánh Hòa',
    state: 'PREPARING',
    progress:
      'Sở GTVT đã làm việc với Công ty Cổ phần Xe khách Phương Trang Futabuslines - Chi nhánh Nha Trang là đơn vị triển khai thí điểm;\nSở chủ động liên hệ, làm việc với đơn vị phối hợp cung cấp giải pháp để được hướng dẫn, phối hợp triển khai; tuy nhiên đến nay Sở GTVT và Công ty Cổ phần Xe khách Phương Trang Futabuslines - Chi nhánh Nha Trang vẫn chưa được hướng dẫn, phối hợp cụ thể nên chưa thể triển khai, thực hiện.',
  },
  {
    number: 8,
    name: 'Triển khai Camera AI kiểm soát ra/vào tại Khu du lịch',
    leadAgencyCodes: ['SDL'],
    leadAgenciesLabel: 'Sở Du lịch tỉnh Khánh Hòa',
    state: 'PILOTING',
    progress:
      'Ngày 19/9/2023, Sở Du lịch chủ trì làm việc với FPT (đơn vị cung cấp giải pháp) và 03 cơ quan đầu mối thống nhất triển khai thí điểm tại Khu du lịch Tháp Bà Ponagar (thuộc quản lý của Trung tâm bảo tồn di tích trực thuộc Sở Văn hóa và Thể thao).\nNgày 06/11/2023, Sở Du lịch phối hợp đơn vị FPT triển khai hạ tầng, lắp đặt Camera AI tại Tháp bà Ponagar. Ngày 17/11/2023 đã tiến hành hướng dẫn, thực hiện bàn giao cho đơn vị Tháp bà Ponagar vận hành. Trong quá trình vận hành mô hình Sở Du lịch tiếp tục theo dõi, ghi nhận những khó khăn vướng mắc và phối hợp với Tổ công tác Đề án 06 tỉnh khác phục.',
    metrics: {
      coQuanDauMoiThongNhatTrienKhai: 3,
    },
  },
  {
    number: 9,
    name: 'Triển khai Camera AI kiểm soát ra/ vào tại Khu công nghiệp',
    leadAgencyCodes: ['BQLKKT'],
    leadAgenciesLabel: 'Ban Quản lý Khu kinh tế Vân Phong',
    state: 'PILOTING',
    progress:
      '- Ban quản lý Khu kinh tế Vân Phong đã thống nhất thực hiện thí điểm tại KCN Suối Dầu - huyện Cam Lâm, tỉnh Khánh Hòa; theo đó đã phối hợp với Công ty TNHH Hệ thống thông tin FPT (thuộc Tập đoàn FPT) tiến hành khảo sát sơ bộ tại cổng KCN Suối Dầu, đồng thời tổ chức cuộc họp với Công ty TNHH Hệ thống thông tin FPT và các cơ quan liên quan (Văn phòng UBND tỉnh, Công an tỉnh và Sở Thông tin và Truyền thông) để trao đổi và thống nhất phương án, cách thức thực hiện mô hình ứng dụng camera AI kiểm soát vào ra tại KCN một cách có hiệu quả.\n- Ngày 23/10/2023, Ban quản lý phối hợp với các đơn vị liên quan tiến hành lắp đặt hệ thống tại cổng KCN Suối Dầu. Đến thời điểm hiện tại hệ thống camera đã lắp đặt xong và giao cho Công ty Cổ phần KCN Suối Dầu quản lý vận hành, hiện đang tiến hành chạy thử nghiệm. Ban Quản lý Khu kinh tế Vân Phong sẽ tổ chức đánh giá kết quả triển khai và dự kiến sẽ hoàn thành trong trước tháng 30/12/2023.',
  },
  {
    number: 10,
    name: 'Triển khai tại các cơ sở kinh doanh có điều kiện về ANTT (cơ sở cầm đồ; cơ sở dịch vụ bảo vệ; dịch vụ thừa phát lại; cơ sở khác)',
    leadAgencyCodes: ['C06'],
    leadAgenciesLabel: 'Cục Cảnh sát QLHC về TTXH',
    state: 'PREPARING',
    progress:
      'Ngày 14/11/2023, Công an tỉnh Khánh Hòa ban hành và tổ chức triển khai thực hiện Kế hoạch số 6516/KH-CAT-PCSQLHC triển khai thực hiện các mô hình của Đề án 06 theo chức năng, nhiệm vụ của Công an tỉnh Khánh Hòa. Theo đó, chỉ đạo Công an các đơn vị, địa phương thực hiện một số nội dung liên quan đến mô hình như sau:\n- Công an cấp huyện chỉ đạo lực lượng CSQLHC về TTXH, Công an cấp xã chủ động rà soát, liên hệ, làm việc và thực hiện hướng dẫn, phổ biến về việc triển khai mô hình cho các cơ sở đầu tư, kinh doanh có điều kiện về ANTT (Cơ sở cầm đồ; Cơ sở dịch vụ bảo vệ; Dịch vụ thừa phát lại; Cơ sở khác) để các cơ sở nắm bắt về chủ trương, phương pháp, kinh phí và các trang thiết bị, phần mềm để thực hiện mô hình. - Thực hiện công tác vận động, tuyên truyền các cơ sở đăng ký tham gia mô hình trên địa bàn; trên cơ sở đó, lập danh sách, thống kê số lượng thiết bị đầu đọc thẻ CCCD, xác minh di động cần đầu tư và liên hệ Trung tâm RAR để được hướng dẫn chi tiết về trang bị thiết bị (chủng loại, cấu hình, đơn vị cung cấp, giá thành...); thông báo cho cơ sở chủ động kinh phí tự trang bị.\nĐến nay, Công an địa phương đã thực hiện tuyên truyền đối với 123/335 cơ sở trên địa bàn, tuy nhiên chưa ghi nhận cơ sở đăng ký nhu cầu trang bị thiết bị. Công an địa phương đang tiếp tục triển khai thực hiện theo kế hoạch của Công an tỉnh.',
    metrics: {
      coSoDaTuyenTruyen: 123,
      tongSoCoSo: 335,
      coSoDangKyTrangBiThietBi: 0,
    },
  },
  {
    number: 11,
    name: 'Triển khai thiết bị giám sát thi cử, sát hạch lái xe',
    leadAgencyCodes: ['SGTVT'],
    leadAgenciesLabel: 'Sở Giao Thông vận tải tỉnh Khánh Hòa',
    state: 'PILOTING',
    progress:
      '- Sở Giao thông vận tải đã làm việc với các cơ sở đào tạo, Trung tâm sát hạch lái xe tuyên truyền, phổ biến về việc triển khai mô hình theo Kế hoạch số 6559/KHPH-TCTĐA06CP-TCTĐA06KH. - Đơn vị triển khai thí điểm: Trung tâm đào tạo và Sát hạch lái xe Hồng Bàng. - Ngày 02/12/2023 Sở phối hợp Công ty FPT tổ chức thí điểm thiết bị giám sát thi cử, sát hạch lái xe tại một công đoạn (kiểm tra CCCD) trước khi thí sinh tham dự phần thi mô phỏng.',
  },
  {
    number: 12,
    name: 'Triển khai giải pháp xử phạt giao thông và trật tự an toàn xã hội',
    leadAgencyCodes: ['SGTVT'],
    leadAgenciesLabel: 'Sở Giao Thông vận tải tỉnh Khánh Hòa',
    state: 'PREPARING',
    progress:
      '- Ngày 08/11/2023, Sở Giao thông vận tải Khánh Hòa tổ chức buổi kiểm tra hiện trường để triển khai thí điểm mô hình 12. Nội dung cụ thể như sau: - Vị trí lắp đặt camera: Chốt đèn tín hiệu trên tuyến đường 2 tháng 4 giao với đường Nguyễn Đình Chiểu (Địa chỉ: số 720-722 đường 2 tháng 4, phường Vĩnh Phước, thành phố Nha Trang, tỉnh Khánh Hòa). - Đơn vị lắp đặt: Công ty TNHH Hệ thống thông tin FPT phối hợp với các đơn vị có liên quan. - Vật tư, kinh phí: Kinh phí và vật tư thiết bị lắp đặt, hướng dẫn sử dụng, bàn giao do Công ty TNHH Hệ thống thông tin FPT tài trợ và cung cấp.',
  },
  {
    number: 13,
    name: 'Triển khai sử dụng CCCD gắn chip quét thanh toán vé tàu, xe... không dùng tiền mặt',
    leadAgencyCodes: ['SGTVT'],
    leadAgenciesLabel: 'Sở Giao Thông vận tải tỉnh Khánh Hòa',
    state: 'PREPARING',
    progress:
      'Sở Giao thông vận tải đã có văn bản đề nghị Công ty CP Khai thác bến xe và Dịch vụ vận tải Khánh Hoà phối hợp triển khai mô hình trên.\nSở cũng đã liên hệ với đơn vị phối hợp cung cấp giải pháp để được hướng dẫn, phối hợp triển khai; tuy nhiên đến nay Sở GTVT và Công ty CP Khai thác bến xe và Dịch vụ vận tải Khánh Hoà vẫn chưa được hướng dẫn, phối hợp cụ thể nên chưa thể triển khai, thực hiện.',
  },
  {
    number: 14,
    name: 'Mô hình thi online tập trung qua nền tảng công nghệ xác thực thẻ CCCD gắn chip điện tử',
    leadAgencyCodes: ['DHKH', 'CDKTCN', 'CDYT'],
    leadAgenciesLabel:
      'Trường Đại học Khánh Hòa, Trường Cao đẳng Kỹ thuật công nghệ Nha Trang và Trường Cao đẳng Y tế',
    state: 'PILOTING',
    progress:
      "a. Công tác triển khai, kết quả thực hiện của Trường Đại học Khánh Hòa:\nFPT đã cung cấp tài khoản admin cho Trường\nFPT đã tập huấn sử dụng phần mềm khaothi.online (2 buổi cho bộ phận quản lý chung)\nNhà trường đang tiếp tục phối hợp với FPT xây dựng kế hoạch triển khai: Dự kiến tổ chức thi kết thúc học phần đối với học phần Tin học đại cương (theo hướng chuẩn MOS) tại Trung tâm Ngoại ngữ và Tin học - Trực thuộc Trường Đại học Khánh Hòa, thời gian dự kiến tổ chức: 20/01/2024 (Theo lịch thi thực tế của sinh viên), số lượng: 189 SV, thời gian thi: 60 phút/ca thi, 40 SV/ca thi.\nb. Công tác triển khai, kết quả thực hiện của Trường Cao đẳng Kỹ thuật Công nghệ Nha Trang: FPT đã cung cấp tài khoản admin cho Trường FPT đã tập huấn sử dụng phần mềm khaothi.online Nhà trường đã tiến hành thi 15' môn Toán cho học sinh khối 10 trong ngày 30/11/2023 theo Mô hình 14.\nc. Công tác triển khai, kết quả thực hiện của Trường Cao đẳng Y tế Khánh Hòa: Chưa ghi nhận.",
    metrics: {
      dhkhBuoiTapHuan: 2,
      dhkhSinhVienDuKienThi: 189,
      dhkhPhutMoiCaThi: 60,
      dhkhSinhVienMoiCaThi: 40,
      cdktcnPhutBaiThiToan: 15,
    },
  },
  {
    number: 15,
    name: 'Phát triển du lịch, gắn với phát triển đặc sản vùng miền hỗ trợ người dân ứng dụng dữ liệu dân cư, định danh xác thực điện tử trong phát triển kinh tế hộ gia đình, kinh tế số.',
    leadAgencyCodes: ['C06'],
    leadAgenciesLabel: 'Cục Cảnh sát QLHC về TTXH',
    state: 'NOT_STARTED',
    progress: 'Chưa ghi nhận',
  },
  {
    number: 16,
    name: 'Đảm bảo điều kiện công dân số',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'OPERATING',
    progress:
      '- Tỉnh Khánh Hòa đã cơ bản hoàn thành cấp CCCD cho 100% công dân đủ điều kiện từ ngày 21/6/2023 và hoàn thành chỉ tiêu cấp 756.805 tài khoản định danh điện tử theo yêu cầu, chỉ đạo của Bộ Công an từ ngày 28/11/2023. Hiện đang tiếp tục thực hiện, duy trì công tác thu nhận hồ sơ, cấp tài khoản định danh điện tử theo chỉ đạo của Bộ Công an.\n- Tỉnh Khánh Hòa đã triển khai xây dựng và đưa Ứng dụng Công dân số tỉnh Khánh Hòa vào sử dụng từ ngày 10/10/2023.',
    metrics: {
      tyLeCongDanDuDieuKienDuocCapCccd: 100,
      taiKhoanDinhDanhDienTuDaCap: 756_805,
    },
  },
  {
    number: 17,
    name: 'Chuẩn hóa xác thực tập trung (SSO)',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'PREPARING',
    progress:
      '- Sở Thông tin và Truyền thông đã phối hợp với cán bộ kỹ thuật của Cục Cảnh sát QLHC về TTXH – Bộ Công an thực hiện hoàn thành kết nối App Khánh Hòa với hệ thống xác thực tập trung (SSO) của Bộ Công an trên môi trường kiểm thử.\n- Ngày 30/8/2023, Sở Thông tin và Truyền thông có Văn bản số 2754/STTTT-TTCNTT&DVHCCTT gửi Cục Cảnh sát QLHC về TTXH – Bộ Công an đề nghị thực hiện kiểm tra đánh giá bảo đảm an ninh, an toàn hạ tầng CNTT triển khai App Khánh Hòa để kết nối, tích hợp với hệ thống xác thực tập trung (SSO) của Bộ Công an.\n- Ngày 15/9/2023, Tổ công tác Đề án 06 tỉnh Khánh Hòa có Văn bản số 5305/TCTĐA06(CAT-STTTT) đề nghị Tổ Công tác triển khai Đề án 06 của Chính phủ, Cơ quan giúp việc của Tổ công tác (Cục Cảnh sát QLHC về TTXH – Bộ Công an) quan tâm chỉ đạo các cơ quan, đơn vị liên quan phối hợp, triển khai thực hiện kết nối App Khánh Hòa với hệ thống định danh và xác thực điện tử, sử dụng dịch vụ tích hợp tài khoản định danh điện tử của Bộ Công an theo quy định.\nHiện Sở Thông tin và Truyền thông đang phối hợp Bộ Công an và Công ty TNHH Hệ thống thông tin FPT (FIS) thực hiện kết nối, tích hợp ứng dụng công dân số Khánh Hòa với hệ thống xác thực tập trung (SSO) của Bộ Công an theo tài liệu hướng dẫn.',
  },
  {
    number: 18,
    name: 'Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'PREPARING',
    progress:
      '- Đã có quyết định phê duyệt dự án “Xây dựng Nền tảng tích hợp ứng dụng và dịch vụ công nghệ thông tin tỉnh Khánh Hòa (LGSP)” (Quyết định số 2185/QĐ-UBND ngày 18/9/2023 của Chủ tịch Ủy ban nhân dân tỉnh).\n- Sở Thông tin và Truyền thông đã có Công văn số 3028/STTTT-TTCNTT&DVHCCTT ngày 21/9/2023 gửi UBND tỉnh và SKHĐT đề nghị giao kế hoạch vốn năm 2023 cho dự án “Xây dựng Nền tảng tích hợp ứng dụng và dịch vụ công nghệ thông tin tỉnh Khánh Hòa (LGSP)”.',
  },
  {
    number: 19,
    name: 'Truyền thông nội bộ cho toàn bộ cán bộ, công chức, viên chức, người lao động trong các cơ quan Nhà nước',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'PREPARING',
    progress:
      'Sở Thông tin và Truyền thông đang phối hợp với Công ty TNHH Hệ thống thông tin FPT (FIS) xây dựng chức năng truyền thông nội bộ trên App Công dân số Khánh Hòa.\nSở Thông tin và Truyền thông đã có văn bản đề nghị các cơ quan, đơn vị, đoàn thể, địa phương, các cơ quan báo chí của tỉnh tăng cường tuyên truyền về mục tiêu, nội dung của Đề án 06, phổ biến các sản phẩm truyền thông của Bộ Công an đến cán bộ, công chức, viên chức, người lao động trong cơ quan, đơn vị trực thuộc, các đơn vị, doanh nghiệp, các thành viên, hội viên thuộc phạm vi, người dân thuộc địa bàn quản lý để hiểu, đồng hành thực hiện thành công Đề án 06 (3460/STTTT-TTBCXB ngày 23/10/2023).',
  },
  {
    number: 20,
    name: 'Truyền thông chính sách qua hệ thống LED, Pano, Áp phích, Truyền thanh cơ sở, Truyền hình địa phương, hệ thống phát thanh thông minh, nền tảng số',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'OPERATING',
    progress:
      'Sở Thông tin và Truyền thông đã có văn bản đề nghị các cơ quan, đơn vị, đoàn thể, địa phương, các cơ quan báo chí của tỉnh triển khai truyền thông về Đề án phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 – 2025 và sử dụng các sản phẩm truyền thông của Bộ Công an để tổ chức tuyên truyền phù hợp trên các phương tiện thông tin đại chúng, hệ thống thông tin cơ sở, công/trang thông tin điện tử, trang mạng xã hội, thiết bị màn hình điện tử trong thang máy và ngoài trời (gồm cả các bảng điện tử tầm lớn ngoài trời) do các cơ quan, đơn vị, địa phương thiết lập, quản lý (3460/STTTT-TTBCXB ngày 23/10/2023).',
  },
  {
    number: 21,
    name: 'Triển khai nền tảng đào tạo, giáo dục trực tuyến đại chúng mở (MOOC) trên toàn quốc để nâng cao nhận thức, hỗ trợ triển khai Đề án 06 cho các cán bộ, công chức, viên chức, giảm chi phí đào tạo truyền thống',
    leadAgencyCodes: ['C06'],
    leadAgenciesLabel: 'Cục Cảnh sát QLHC về TTXH',
    state: 'OPERATING',
    progress:
      '- Ngày 30/8/2023, Công an tỉnh Khánh Hòa đã ban hành văn bản số 4759/CAT-QLHC về việc đăng ký tham gia chương trình đào tạo, nâng cao nhận thức chuyển đổi số, hỗ trợ triển khai Đề án 06. Đến nay, đã thực hiện chương trình đào tạo Nâng cao nhận thức chuyển đổi số, hỗ trợ thực hiện hiệu quả công tác triển khai Đề án 06 cho 947 cán bộ, chiến sĩ Công an tỉnh Khánh Hòa.\n- Ngày 07/9/2023, Tổ công tác Đề án 06 tỉnh (Cơ quan thường trực – Công an tỉnh) đã ban hành Văn bản số 4939/TCTĐA06-CAT đăng ký đào tạo đối với 377 cán bộ, công chức, viên chức, người lao động thuộc các sở, ban, ngành và UBND các cấp của tỉnh. Hiện đang phối hợp với các đơn vị liên quan thực hiện công tác đào tạo, tổ chức lớp học.',
    metrics: {
      canBoChienSiCongAnTinhDaDaoTao: 947,
      canBoCongChucDangKyDaoTao: 377,
    },
  },
  {
    number: 22,
    name: 'Triển khai tổ giác tội phạm qua ứng dụng VNeID',
    leadAgencyCodes: ['C06'],
    leadAgenciesLabel: 'Cục Cảnh sát QLHC về TTXH',
    state: 'OPERATING',
    progress:
      '- Thực hiện Điện số 218/ĐK-HT ngày 25/7/2022 của Cục Cảnh sát QLHC về TTXH – Bộ Công an, ngày 27/7/2022, Công an tỉnh Khánh Hòa đã ban hành Văn bản 4008/CAT-PC06 triển khai, thực hiện công tác tiếp nhận Tố giác, tin báo về tội phạm qua ứng dụng VNeID.\n- Ngày 12/4/2023, Công an tỉnh đã có Công văn số 1984/CAT-PC06 chỉ đạo Công an các địa phương đẩy mạnh tuyên truyền, hướng dẫn công dân sử dụng ứng dụng VNeID để gửi thông tin phản ánh, kiến nghị về ANTT đến Phần mềm tin báo của Công an xã đảm bảo tỷ lệ tối thiểu 30% tổng số tin.\n- Hiện đang tiếp tục duy trì, thực hiện tiếp nhận, phân loại và giải quyết tin báo, tố giác tội phạm qua ứng dụng VNeID theo chỉ đạo, hướng dẫn của Bộ Công an.',
    metrics: {
      tyLeTinBaoQuaVneidToiThieu: 30,
    },
  },
  {
    number: 23,
    name: 'Triển khai tuyên truyền chính sách, hỗ trợ pháp lý qua ứng dụng VNeID',
    leadAgencyCodes: ['C06'],
    leadAgenciesLabel: 'Cục Cảnh sát QLHC về TTXH',
    state: 'NOT_STARTED',
    progress: 'Chưa ghi nhận',
  },
  {
    number: 24,
    name: 'Triển khai hệ thống quản lý trường học',
    leadAgencyCodes: ['SGDDT'],
    leadAgenciesLabel: 'Sở Giáo dục và Đào tạo (GDĐT) tỉnh Khánh Hòa',
    state: 'OPERATING',
    progress:
      '* Sở GDĐT đã triển khai hệ thống quản lý trường học từ cấp tiểu học đến THCS, THPT trong nhiều năm qua. Cụ thể:\n- Cấp THPT đang sử dụng hệ thống quản lý SMAS do Viettel Khánh Hòa cung cấp; - Cấp THCS đang sử dụng hệ thống quản lý vnEdu do VNPT Khánh Hòa cung cấp; - Cấp tiểu học: Các trường tiểu học ở huyện Vạn Ninh và huyện Cam Lâm: đang sử dụng hệ thống quản lý SMAS do Viettel Khánh Hòa cung cấp; Các trường tiểu học ở các huyện còn lại sử dụng hệ thống quản lý vnEdu do VNPT Khánh Hòa cung cấp.\n* Đối với phần mềm quản trị trường mầm non: Ngày 15/9/2023, Sở GDĐT có Công văn số 2712/SGDĐT-QLCL về việc Triển khai hệ thống quản trị trường mầm non từ năm học 2023 - 2024 trên địa bàn tỉnh, đồng ý cho Công ty Cổ phần Công nghệ Megasoft Việt Nam; Công ty Cổ phần Đầu tư Phát triển và Chuyển giao công nghệ Việt Nam; VNPT Khánh Hòa giới thiệu Hệ thống quản trị nhà trường đến 100% cơ sở giáo dục mầm non trên địa bàn tỉnh từ ngày 12/9/2023 đến ngày 20/9/2023, cụ thể:\n- Hệ thống quản lý trường học; - Ứng dụng nhật ký điện tử; - Phần mềm quản lý ăn bán trú (Phần dinh dưỡng và phần tài chính); - Phần mềm kế hoạch giáo dục; - Chữ ký điện tử.\nSở GDĐT đã yêu cầu các phòng GDĐT ký kết hợp đồng với công ty được chọn hệ thống quản trị nhà trường để triển khai ứng dụng nhật ký điện tử (Số liên lạc điện tử; Lưu trữ ảnh), phần mềm quản lý ăn bán trú (Phần dinh dưỡng và phần tài chính), phần mềm kế hoạch giáo dục và chữ ký điện tử; thực hiện bắt đầu từ năm học 2023 - 2024.',
    metrics: {
      tyLeCoSoMamNonDuocGioiThieuHeThong: 100,
    },
  },
  {
    number: 25,
    name: 'Quản lý thông tin người sử dụng đất, chủ sở hữu nhà ở, tài sản gắn liền với đất thông qua Hệ thống CSDLQG về dân cư, VNeID',
    leadAgencyCodes: ['STNMT'],
    leadAgenciesLabel: 'Sở Tài nguyên và Môi trường tỉnh Khánh Hòa',
    state: 'PREPARING',
    progress:
      'CSDL đất đai tỉnh Khánh Hòa được xây dựng theo Dự án “Tăng cường quản lý đất đai và CSDL đất đai” đã hoàn thành số hóa 100% thửa đất đã được cấp giấy chứng nhận quyền sử dụng đất (712.011/712.011) và được tích hợp toàn bộ vào hệ thống CSDL đất đai cấp quốc gia, vận hành từ ngày 01/7/2023 đến nay. Tất cả các TTHC về đất đai của các cá nhân và tổ chức phát sinh từ ngày 01/7/2023 đến nay đều được cập nhật vào hệ thống nêu trên để quản lý, giải quyết theo quy định. Thông qua quá trình tiếp nhận, giải quyết các TTHC về đất đai của các cá nhân, tổ chức để thực hiện rà soát, làm sạch dữ liệu về người sử dụng đất, chủ sở hữu nhà ở, tài sản gắn liền với đất. Sở Tài nguyên và Môi trường tỉnh Khánh Hòa đã có văn bản số 3829/STNMT-VPĐKĐĐ ngày 22/9/2023 đề nghị Bộ Tài nguyên và Môi trường, Cục Cảnh sát QLHC về TTXH – Bộ Công an hướng dẫn đẩy nhanh tiến độ làm sạch, tích hợp dữ liệu nhằm khai thác thông tin chỗ ở hợp pháp phục vụ Dịch vụ công về cư trú, tích hợp các giấy tờ nhà đất lên VNeID. Hiện nay, Sở Tài nguyên và Môi trường chưa nhận được hướng dẫn của Bộ tài nguyên và Môi trường, Bộ Công an nhằm đẩy nhanh tiến độ làm sạch, tích hợp dữ liệu nhằm khai thác thông tin chỗ ở hợp pháp phục vụ Dịch vụ công về cư trú, tích hợp các giấy tờ nhà đất lên VNeID.',
    metrics: {
      thuaDatDaSoHoa: 712_011,
      thuaDatDaCapGcn: 712_011,
      tyLeThuaDatDaSoHoa: 100,
    },
  },
  {
    number: 26,
    name: 'Quản lý chương trình an sinh xã hội thông qua VNeID',
    leadAgencyCodes: ['SLDTBXH'],
    leadAgenciesLabel: 'Sở Lao động - Thương binh - Xã hội tỉnh Khánh Hòa',
    state: 'PILOTING',
    progress:
      '- Thực hiện Công văn số 3840/UBND-NC ngày 20/4/2023 của UBND tỉnh về việc sử dụng thông tin, giấy tờ tích hợp trên ứng dụng VNeID và Công văn số 2930/UBND-NC ngày 29/3/2023 của UBND tỉnh về việc triển khai thực hiện Văn bản số 1101/TCTTKĐA ngày 24/02/2023 của Tổ Công tác Đề án 06, Sở Lao động - Thương binh và Xã hội đã ban hành Công văn số 1178/SLĐT BXH-VP ngày 25/4/2023 về việc sử dụng thông tin, giấy tờ tích hợp trên ứng dụng VNeID.',
  },
  {
    number: 27,
    name: 'Phân tích tình hình dân cư',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'NOT_STARTED',
    progress: 'Chưa ghi nhận',
  },
  {
    number: 28,
    name: 'Phân tích tình hình lao động',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'NOT_STARTED',
    progress: 'Chưa ghi nhận',
  },
  {
    number: 29,
    name: 'Phân tích tình hình du lịch thông qua lưu trú',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'NOT_STARTED',
    progress: 'Chưa ghi nhận',
  },
  {
    number: 30,
    name: 'Phân tích tình hình trật tự, an toàn xã hội trên địa bàn',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'NOT_STARTED',
    progress: 'Chưa ghi nhận',
  },
  {
    number: 31,
    name: 'Trung tâm giám sát an ninh mạng SOC tỉnh Khánh Hòa',
    leadAgencyCodes: ['STTTT'],
    leadAgenciesLabel: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    state: 'NOT_STARTED',
    progress: 'Sở Thông tin và Truyền thông đã đăng ký nhiệm vụ triển khai trong năm 2024.',
  },
];

export const BLOCKERS: readonly BlockerSeed[] = [
  {
    key: 'pilot-2',
    pilotNumber: 2,
    title:
      'Chưa rõ cơ sở pháp lý để tái sử dụng dữ liệu đã xác thực trên Kiosk vào hệ thống giải quyết TTHC của tỉnh',
    description: withFootnotes(
      'Văn phòng UBND tỉnh đang phối hợp với đơn vị cung cấp Kiosk hoàn thiện chức năng sử dụng lại các dữ liệu đã được xác thực là đúng với CSDLQG về dân cư trên Kiosk vào hệ thống giải quyết TTHC của tỉnh để phục vụ việc giải quyết TTHC của tỉnh tương tự 03 chức năng trên Hệ thống giải quyết TTHC của tỉnh theo hướng dẫn của Bộ Công an, Văn phòng Chính phủ tại Văn bản số 761/VPCP-KSTT ngày 30/01/2022. Tuy nhiên, Văn phòng UBND tỉnh chưa xác định được các dữ liệu trên Kiosk có thuộc trường hợp điểm b khoản 1 Điều 21a Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ đã được sửa đổi, bổ sung tại Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 và Điều 14 Nghị định số 104/2022/NĐ-CP ngày 21/12/2022 của Chính phủ để được phép sử dụng và không yêu cầu tổ chức, cá nhân cung cấp lại hay không. Đối với trường hợp sử dụng lại các thông tin trên Kiosk vào biểu mẫu điện tử tương tác của hệ thống giải quyết TTHC của tỉnh để cung cấp dịch vụ công trực tuyến trên Kiosk thì có được phép thực hiện không. Trường hợp được phép thì thực hiện bảo vệ dữ liệu cá nhân như thế nào theo Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ.',
      FOOTNOTES[9],
      FOOTNOTES[10],
    ),
    category: 'LEGAL',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-12-20', // first raised in report 442 itself (section II.2)
  },
  {
    key: 'pilot-5',
    pilotNumber: 5,
    title:
      'Cơ sở lưu trú phải khai báo trên nhiều hệ thống (hệ thống lưu trú của tỉnh, Cổng dịch vụ công, phần mềm ASM)',
    description:
      'Từ năm 2018 đến nay, tỉnh Khánh Hòa đã triển khai Hệ thống Quản lý thông tin lưu trú tỉnh Khánh Hòa cho các cơ sở kinh doanh lưu trú trên địa bàn tỉnh. Dữ liệu của Hệ thống Quản lý thông tin lưu trú tỉnh Khánh Hòa được kết nối, chia sẻ dùng chung, phục vụ công tác quản lý của tỉnh trong nhiều lĩnh vực liên quan đến hoạt động lưu trú của khách du lịch trên địa bàn tỉnh (quản lý lưu trú của lực lượng công an, quản lý thuế của cơ quan thuế, thống kê du lịch...), góp phần vào cải cách hành chính, chuyển đổi số, xây dựng chính quyền điện tử, được tổ chức, cá nhân, doanh nghiệp đồng tình, ủng hộ. Tuy nhiên, để triển khai thực hiện cung cấp dịch vụ công trực tuyến trong lĩnh vực đăng ký cư trú, Bộ Công an yêu cầu 100% cơ sở lưu trú thực hiện thông báo lưu trú qua Cổng dịch vụ công trực tuyến và hiện nay triển khai thêm phần mềm lưu trú ASM theo Mô hình 5. Điều này phát sinh thêm khối lượng công việc và trách nhiệm thực hiện cho các cơ sở lưu trú trên địa bàn tỉnh nói chung và đối với các cơ sở tham gia mô hình nói riêng (các cơ sở kinh doanh lưu trú phải kê khai lưu trú trên quá nhiều hệ thống).',
    category: 'DATA_INTEGRATION',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-12-20', // first raised in report 442 itself (section II.2)
  },
  {
    key: 'pilot-6',
    pilotNumber: 6,
    title: 'Bệnh viện phải nhập liệu trùng lặp trên phần mềm HIS và phần mềm ASM',
    description:
      'Quy trình nhập thông tin trên phần mềm ASM tương tự như thực hiện trên phần mềm HIS. Vì vậy, để triển khai phần mềm ASM, bệnh viện phải bố trí nhân lực nhập liệu tương tự như cho phần mềm HIS. Trong khi phần mềm HIS phục vụ cho công tác quản lý bệnh viện đồng thời thanh quyết toán BHYT, nên bệnh viện phải tập trung nhân lực cho hệ thống này. Hiện nay, tại bộ phận triển khai hệ thống ASM của bệnh viện, nhân lực hàng ngày phải nhập trên phần mềm HIS để phục vụ điều trị bệnh nhân, sau đó thao tác lại trên phần mềm ASM một lần nữa dẫn đến ảnh hưởng đến thời gian và nhân lực phục vụ công tác điều trị.',
    category: 'DATA_INTEGRATION',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-12-20', // first raised in report 442 itself (section II.2)
  },
  {
    key: 'pilot-9',
    pilotNumber: 9,
    title:
      'Chưa có định mức đầu tư, hướng dẫn giải pháp và cách khai thác CSDLQG về dân cư cho Camera AI tại KCN',
    description:
      'Chưa có định mức cho việc đầu tư mua sắm trang thiết bị, chưa có hướng dẫn cho việc thực hiện giải pháp của cơ quan chuyên môn (yêu cầu về bảo mật thiết bị đầu cuối, mô hình khung cho giải pháp); Giải pháp chưa làm rõ cách thức khai thác được dữ liệu trong CSDLQG về dân cư.',
    category: 'GUIDANCE',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-12-20', // first raised in report 442 itself (section II.2)
  },
  {
    key: 'pilot-16',
    pilotNumber: 16,
    title:
      'Chưa có hướng dẫn của Trung ương về khởi tạo địa chỉ số và tài khoản thanh toán điện tử',
    description:
      'Sở Thông tin và Truyền thông được phân công chủ trì hỗ trợ khởi tạo địa chỉ số và tài khoản thanh toán điện tử. Tuy nhiên, hiện Sở Thông tin và Truyền thông chưa có thông tin, hướng dẫn của Cơ quan Trung ương về phương thức, công cụ để triển khai, thực hiện cụ thể đối với nội dung này.',
    category: 'GUIDANCE',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-12-20', // first raised in report 442 itself (section II.2)
  },
  {
    key: 'pilot-25',
    pilotNumber: 25,
    title: 'Chưa có hướng dẫn của Bộ TN&MT và Bộ Công an về rà soát, làm sạch dữ liệu đất đai',
    description:
      'Hiện Bộ Tài nguyên và Môi trường và Bộ Công an chưa có hướng dẫn cụ thể liên quan đến công tác rà soát, làm sạch dữ liệu đất đai.',
    category: 'GUIDANCE',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-09-22', // letter 3829/STNMT-VPĐKĐĐ of 22/9/2023 asked for this guidance
  },
  {
    key: 'pilot-17',
    pilotNumber: 17,
    title:
      'Chờ kiểm tra đánh giá bảo đảm an ninh, an toàn hạ tầng CNTT để kết nối App Khánh Hòa với hệ thống xác thực tập trung (SSO) của Bộ Công an',
    // Row 17 of the appendix: the two letters that asked for it.
    description:
      'Sở Thông tin và Truyền thông đã phối hợp với cán bộ kỹ thuật của Cục Cảnh sát QLHC về TTXH – Bộ Công an thực hiện hoàn thành kết nối App Khánh Hòa với hệ thống xác thực tập trung (SSO) của Bộ Công an trên môi trường kiểm thử. Ngày 30/8/2023, Sở Thông tin và Truyền thông có Văn bản số 2754/STTTT-TTCNTT&DVHCCTT gửi Cục Cảnh sát QLHC về TTXH – Bộ Công an đề nghị thực hiện kiểm tra đánh giá bảo đảm an ninh, an toàn hạ tầng CNTT triển khai App Khánh Hòa để kết nối, tích hợp với hệ thống xác thực tập trung (SSO) của Bộ Công an. Ngày 15/9/2023, Tổ công tác Đề án 06 tỉnh Khánh Hòa có Văn bản số 5305/TCTĐA06(CAT-STTTT) đề nghị Tổ Công tác triển khai Đề án 06 của Chính phủ, Cơ quan giúp việc của Tổ công tác (Cục Cảnh sát QLHC về TTXH – Bộ Công an) quan tâm chỉ đạo các cơ quan, đơn vị liên quan phối hợp, triển khai thực hiện kết nối App Khánh Hòa với hệ thống định danh và xác thực điện tử, sử dụng dịch vụ tích hợp tài khoản định danh điện tử của Bộ Công an theo quy định.',
    category: 'DATA_INTEGRATION',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-08-30', // letter 2754/STTTT-TTCNTT&DVHCCTT of 30/8/2023 first raised it
  },
  {
    key: 'pilot-7',
    pilotNumber: 7,
    title:
      'Đơn vị cung cấp giải pháp chưa hướng dẫn, phối hợp triển khai quản lý lưu trú trên xe khách đường dài',
    description:
      'Sở chủ động liên hệ, làm việc với đơn vị phối hợp cung cấp giải pháp để được hướng dẫn, phối hợp triển khai; tuy nhiên đến nay Sở GTVT và Công ty Cổ phần Xe khách Phương Trang Futabuslines - Chi nhánh Nha Trang vẫn chưa được hướng dẫn, phối hợp cụ thể nên chưa thể triển khai, thực hiện.',
    category: 'VENDOR',
    authority: 'PROVINCE',
    state: 'OPEN',
    raisedOn: '2023-12-20', // the appendix gives no date and no letter carries it: the report's date
  },
  {
    key: 'pilot-13',
    pilotNumber: 13,
    title:
      'Đơn vị cung cấp giải pháp chưa hướng dẫn, phối hợp triển khai thanh toán vé bằng CCCD gắn chip',
    description:
      'Sở cũng đã liên hệ với đơn vị phối hợp cung cấp giải pháp để được hướng dẫn, phối hợp triển khai; tuy nhiên đến nay Sở GTVT và Công ty CP Khai thác bến xe và Dịch vụ vận tải Khánh Hoà vẫn chưa được hướng dẫn, phối hợp cụ thể nên chưa thể triển khai, thực hiện.',
    category: 'VENDOR',
    authority: 'PROVINCE',
    state: 'OPEN',
    raisedOn: '2023-12-20', // the appendix gives no date and no letter carries it: the report's date
  },
  {
    key: 'covid-vaccination-data',
    topic: 'Làm sạch dữ liệu tiêm chủng COVID-19',
    title:
      'Vướng mắc của hệ thống tiêm chủng khiến dữ liệu tiêm chủng COVID-19 không thể làm sạch, Bộ Y tế chưa hướng dẫn',
    description:
      'Đối với công tác làm sạch dữ liệu tiêm chủng COVID-19 theo chỉ đạo tại Văn bản số 4549/BYT-CNTT ngày 23/8/2022 của Bộ Y tế vẫn còn một số vấn đề liên quan đến hệ thống dữ liệu tiêm chủng như sau: Trường hợp sau khi nhập lên thì hệ thống y tế báo trùng CCCD/CMND, nhưng địa phương không thể kiểm tra được nên hiện các trường hợp này chưa cập nhật được lên hệ thống; Dữ liệu đã được công an xã xác minh đúng thông tin và đã cập nhật trên hệ thống, nhưng khi trích xuất danh sách thì hệ thống vẫn báo là sai thông tin.... Ngày 27/10/2022, Sở Y tế tỉnh Khánh Hòa đã có Văn bản số 4338/SYT-TCHC về việc vướng mắc trong quá trình “làm sạch” dữ liệu tiêm chủng COVID-19 gửi tới Cục Công nghệ thông tin và Cục Y tế dự phòng (Bộ Y tế) đề nghị hỗ trợ nhưng đến nay vẫn chưa nhận được phản hồi, hướng dẫn thực hiện.',
    category: 'DATA_INTEGRATION',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2022-10-27', // letter 4338/SYT-TCHC of 27/10/2022 first raised it
  },
  {
    key: 'vneid-accommodation-notice',
    topic: 'Thông báo lưu trú qua ứng dụng VNeID',
    title:
      'Chưa có trả lời về việc chỉ đạo tất cả cơ sở lưu trú thông báo lưu trú qua ứng dụng VNeID',
    description:
      'Kiến nghị Tổ công tác Đề án 06 của Chính phủ, Bộ Công an sớm trả lời vướng mắc của tỉnh Khánh Hòa tại Công văn số 5772/TCTĐA06-CAT ngày 09/10/2023 liên quan đến nội dung chỉ đạo tất cả các cơ sở lưu trú trên địa bàn (bao gồm: khách sạn, nhà nghỉ, nhà trọ, cơ sở khám chữa bệnh và các cơ sở khác có chức năng lưu trú...) thực hiện thông báo lưu trú qua ứng dụng VNeID.',
    category: 'GUIDANCE',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-10-09', // letter 5772/TCTĐA06-CAT of 09/10/2023 first raised it
  },
  {
    key: 'interconnection-api-docs',
    topic: 'Tài liệu API kết nối phần mềm liên thông của Bộ Công an',
    title: 'Thiếu tài liệu hướng dẫn API kết nối với phần mềm liên thông của Bộ Công an',
    description:
      'Kiến nghị Tổ công tác Đề án 06 của Chính phủ gửi tài liệu hướng dẫn, bổ sung, điều chỉnh API kết nối với phần mềm liên thông của Bộ Công an (Văn bản số 4326/TCTTKĐA ngày 18/11/2023 không có tài liệu gửi kèm) để địa phương thuận tiện triển khai thực hiện.',
    category: 'DATA_INTEGRATION',
    authority: 'CENTRAL',
    state: 'ESCALATED',
    raisedOn: '2023-12-20', // first raised in report 442 (section III); the letter it concerns, 4326/TCTTKĐA, is of 18/11/2023
  },
];

/**
 * Report 442's "Nơi nhận", the agencies of it that are in the reference data, in its order:
 * "Văn phòng Chính phủ (báo cáo)", "Bộ Công an (báo cáo)", "Văn phòng UBND tỉnh". Its other
 * lines name no one agency of the data: "TT. Tỉnh ủy", "TT. HĐND tỉnh", "Chủ tịch và các PCT
 * UBND tỉnh", "Các Thành viên Tổ Công tác Đề án 06 tỉnh", "Các sở, ban, ngành thuộc tỉnh",
 * "UBND các huyện, thị xã, thành phố" and "Lưu: VT, NL, NgM, các Phòng chuyên môn".
 */
export const REPORT_442_DISTRIBUTION: readonly string[] = ['VPCP', 'BCA', 'VPUBND'];

export const RECOMMENDATIONS: readonly RecommendationSeed[] = [
  {
    key: 'syt-4338',
    documentNumber: '4338/SYT-TCHC',
    letterDate: '2022-10-27',
    senderAgencyCode: 'SYT',
    addresseeCodes: ['BYT_CNTT', 'BYT_YTDP'],
    summary:
      'Ngày 27/10/2022, Sở Y tế tỉnh Khánh Hòa đã có Văn bản số 4338/SYT-TCHC về việc vướng mắc trong quá trình “làm sạch” dữ liệu tiêm chủng COVID-19 gửi tới Cục Công nghệ thông tin và Cục Y tế dự phòng (Bộ Y tế) đề nghị hỗ trợ.',
    blockerKeys: ['covid-vaccination-data'],
    state: 'SENT',
  },
  {
    key: 'stnmt-3829',
    documentNumber: '3829/STNMT-VPĐKĐĐ',
    letterDate: '2023-09-22',
    senderAgencyCode: 'STNMT',
    addresseeCodes: ['BTNMT', 'C06'],
    summary:
      'Sở Tài nguyên và Môi trường tỉnh Khánh Hòa đã có văn bản số 3829/STNMT-VPĐKĐĐ ngày 22/9/2023 đề nghị Bộ Tài nguyên và Môi trường, Cục Cảnh sát QLHC về TTXH – Bộ Công an hướng dẫn đẩy nhanh tiến độ làm sạch, tích hợp dữ liệu nhằm khai thác thông tin chỗ ở hợp pháp phục vụ Dịch vụ công về cư trú, tích hợp các giấy tờ nhà đất lên VNeID.',
    blockerKeys: ['pilot-25'],
    state: 'SENT',
  },
  {
    key: 'tct-5772',
    documentNumber: '5772/TCTĐA06-CAT',
    letterDate: '2023-10-09',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['TCT06CP', 'BCA'],
    summary:
      'Vướng mắc của tỉnh Khánh Hòa liên quan đến nội dung chỉ đạo tất cả các cơ sở lưu trú trên địa bàn (bao gồm: khách sạn, nhà nghỉ, nhà trọ, cơ sở khám chữa bệnh và các cơ sở khác có chức năng lưu trú...) thực hiện thông báo lưu trú qua ứng dụng VNeID.',
    blockerKeys: ['vneid-accommodation-notice'],
    state: 'SENT',
  },
  {
    key: 'stttt-2754',
    documentNumber: '2754/STTTT-TTCNTT&DVHCCTT',
    letterDate: '2023-08-30',
    senderAgencyCode: 'STTTT',
    addresseeCodes: ['C06'],
    summary:
      'Ngày 30/8/2023, Sở Thông tin và Truyền thông có Văn bản số 2754/STTTT-TTCNTT&DVHCCTT gửi Cục Cảnh sát QLHC về TTXH – Bộ Công an đề nghị thực hiện kiểm tra đánh giá bảo đảm an ninh, an toàn hạ tầng CNTT triển khai App Khánh Hòa để kết nối, tích hợp với hệ thống xác thực tập trung (SSO) của Bộ Công an.',
    blockerKeys: ['pilot-17'],
    state: 'SENT',
  },
  {
    key: 'tct-5305',
    documentNumber: '5305/TCTĐA06(CAT-STTTT)',
    letterDate: '2023-09-15',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['TCT06CP', 'C06'],
    summary:
      'Ngày 15/9/2023, Tổ công tác Đề án 06 tỉnh Khánh Hòa có Văn bản số 5305/TCTĐA06(CAT-STTTT) đề nghị Tổ Công tác triển khai Đề án 06 của Chính phủ, Cơ quan giúp việc của Tổ công tác (Cục Cảnh sát QLHC về TTXH – Bộ Công an) quan tâm chỉ đạo các cơ quan, đơn vị liên quan phối hợp, triển khai thực hiện kết nối App Khánh Hòa với hệ thống định danh và xác thực điện tử, sử dụng dịch vụ tích hợp tài khoản định danh điện tử của Bộ Công an theo quy định.',
    blockerKeys: ['pilot-17'],
    state: 'SENT',
  },
  {
    key: '442-vneid',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['TCT06CP', 'BCA'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Kiến nghị Tổ công tác Đề án 06 của Chính phủ, Bộ Công an sớm trả lời vướng mắc của tỉnh Khánh Hòa tại Công văn số 5772/TCTĐA06-CAT ngày 09/10/2023 liên quan đến nội dung chỉ đạo tất cả các cơ sở lưu trú trên địa bàn (bao gồm: khách sạn, nhà nghỉ, nhà trọ, cơ sở khám chữa bệnh và các cơ sở khác có chức năng lưu trú...) thực hiện thông báo lưu trú qua ứng dụng VNeID.',
    blockerKeys: ['vneid-accommodation-notice'],
    state: 'SENT',
  },
  {
    key: '442-dvc',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['VPCP'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Kiến nghị Văn phòng Chính phủ và các bộ, ban, ngành Trung ương tiếp tục rà soát, cải tiến quy trình, thủ tục thực hiện dịch vụ công trực tuyến (nhất là các dịch vụ công thiết yếu); hoàn chỉnh giao diện, cách thức thao tác, thực hiện trên hệ thống Cổng dịch vụ công quốc gia, của bộ, ngành một cách trực quan, đơn giản để người dân dễ hiểu, dễ thao tác khi thực hiện các TTHC, dịch vụ công trực tuyến, để từ đó nâng cao hiệu quả công tác tuyên truyền, tạo sự hưởng ứng, ủng hộ thực hiện của người dân khi được tuyên truyền về thực hiện dịch vụ công trực tuyến.',
    blockerKeys: [],
    state: 'SENT',
  },
  {
    key: '442-covid',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['BYT'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Kiến nghị Bộ Y tế chỉ đạo các đơn vị liên quan có văn bản trả lời, hướng dẫn xử lý dứt điểm đối với các dữ liệu “bẩn” không thể làm sạch (theo các văn bản hướng dẫn hiện tại của Bộ Y tế) và khắc phục đối với các trường hợp do lỗi hệ thống phần mềm tiêm chủng đã nêu tại Văn bản số 4338/SYT-TCHC ngày 27/10/2022 của Sở Y tế tỉnh Khánh Hòa (nội dung này tỉnh Khánh Hòa đã kiến nghị nhiều lần nhưng đến nay vẫn chưa được hướng dẫn, giải quyết dứt điểm, ảnh hưởng đến tiến độ thực hiện nhiệm vụ của tỉnh Khánh Hòa nói chung và trách nhiệm của Sở Y tế nói riêng).',
    blockerKeys: ['covid-vaccination-data'],
    state: 'SENT',
  },
  {
    key: '442-pilot-2',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['BCA', 'VPCP'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Đề nghị Bộ Công an, Văn phòng Chính phủ giải đáp các vướng mắc của địa phương như sau: Các dữ liệu trên Kiosk có thuộc trường hợp điểm b khoản 1 Điều 21a Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ đã được sửa đổi, bổ sung tại Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 và Điều 14 Nghị định số 104/2022/NĐ-CP ngày 21/12/2022 của Chính phủ để được phép sử dụng và không yêu cầu tổ chức, cá nhân cung cấp lại hay không. Đối với trường hợp sử dụng lại các thông tin trên Kiosk vào biểu mẫu điện tử tương tác của hệ thống giải quyết TTHC của tỉnh để cung cấp dịch vụ công trực tuyến trên Kiosk thì có được phép thực hiện không. Trường hợp được phép thì thực hiện bảo vệ dữ liệu cá nhân như thế nào theo Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ.',
    blockerKeys: ['pilot-2'],
    state: 'SENT',
  },
  {
    key: '442-pilot-5',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['BCA'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Hệ thống Quản lý thông tin lưu trú tỉnh Khánh Hòa hiện đang phục vụ tốt cho công tác quản lý của tỉnh trong nhiều lĩnh vực. Do vậy, đề nghị Bộ Công an xem xét, hỗ trợ, hướng dẫn, phối hợp với tỉnh Khánh Hòa để có thể trích xuất, đồng bộ dữ liệu lưu trú từ Hệ thống Quản lý thông tin lưu trú tỉnh Khánh Hòa về dữ liệu quản lý lưu trú của Bộ Công an thông qua Cổng dịch vụ công Bộ Công an hoặc Cổng dịch vụ công Quốc gia. Như vậy, vừa đảm bảo công tác quản lý của tỉnh, vừa đáp ứng thực hiện công tác quản lý lưu trú của Bộ Công an.',
    blockerKeys: ['pilot-5'],
    state: 'SENT',
  },
  {
    key: '442-pilot-6',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['BCA'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary: 'Tương tự đề nghị tại Mô hình 5 đối với Phần mềm HIS của ngành y tế.',
    blockerKeys: ['pilot-6'],
    state: 'SENT',
  },
  {
    key: '442-pilot-9',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['BTTTT', 'BCA'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Đề nghị Bộ Thông tin và Truyền thông và Bộ Công an hướng dẫn thực hiện định mức cho việc đầu tư mua sắm trang thiết bị, hướng dẫn thực hiện giải pháp cho cơ quan chuyên môn (yêu cầu về bảo mật thiết bị đầu cuối, mô hình khung cho giải pháp); cách thức khai thác được dữ liệu trong CSDLQG về dân cư.',
    blockerKeys: ['pilot-9'],
    state: 'SENT',
  },
  {
    key: '442-pilot-16',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['BCA'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Đề nghị Bộ Công an hướng dẫn cụ thể về phương thức, công cụ để triển khai, thực hiện khởi tạo địa chỉ số và tài khoản thanh toán điện tử cho mô hình.',
    blockerKeys: ['pilot-16'],
    state: 'SENT',
  },
  {
    key: '442-pilot-25',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['BTNMT', 'BCA'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Đề nghị Bộ Tài nguyên và Môi trường và Bộ Công an hướng dẫn thực hiện công tác rà soát, làm sạch dữ liệu đất đai.',
    blockerKeys: ['pilot-25'],
    state: 'SENT',
  },
  {
    key: '442-api-docs',
    documentNumber: '442/BC-TCTĐA06',
    letterDate: '2023-12-20',
    senderAgencyCode: 'TCTDA06',
    addresseeCodes: ['TCT06CP'],
    distributionCodes: [...REPORT_442_DISTRIBUTION],
    summary:
      'Kiến nghị Tổ công tác Đề án 06 của Chính phủ gửi tài liệu hướng dẫn, bổ sung, điều chỉnh API kết nối với phần mềm liên thông của Bộ Công an (Văn bản số 4326/TCTTKĐA ngày 18/11/2023 không có tài liệu gửi kèm) để địa phương thuận tiện triển khai thực hiện.',
    blockerKeys: ['interconnection-api-docs'],
    state: 'SENT',
  },
];
