import { CalendarDay, OneOf, Period, Text } from '../../common/validators.js';

export const MONTHLY_FORMATS = ['json', 'docx', 'xlsx'] as const;
export type MonthlyFormat = (typeof MONTHLY_FORMATS)[number];

export class MonthlyReportQuery {
  @Period()
  period: string;

  @OneOf('format', MONTHLY_FORMATS, { optional: true })
  format?: MonthlyFormat;

  @Text('reportNumber', {
    max: 60,
    optional: true,
    example: '442/BC-TCTĐA06',
    description: 'Số, ký hiệu của báo cáo mà phụ lục kèm theo (để trống cho văn thư điền)',
  })
  reportNumber?: string;

  @CalendarDay('reportDate', { optional: true })
  reportDate?: string;
}
