import { Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors, binaryContent } from '../common/api-errors.js';
import { monthlyFileName } from './monthly/monthly-report.builder.js';
import { DocumentRenderer } from './document-renderer.js';
import type { MonthlyReportModel } from './monthly/monthly-report.model.js';
import { MonthlyReportQuery } from './monthly/monthly-report.query.js';
import { MonthlyReportService } from './monthly/monthly-report.service.js';
import { MonthlyReportView } from './monthly/monthly-report.view.js';
import { DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE } from './monthly/content-types.js';
import { ApiResource } from '../common/api-resource.js';

@ApiResource('reports')
export class ReportsOutputController {
  constructor(
    private readonly monthly: MonthlyReportService,
    private readonly renderer: DocumentRenderer,
  ) {}

  @Get('monthly')
  @ApiOperation({
    summary:
      'Báo cáo tháng: phụ lục kết quả triển khai mô hình, câu tổng hợp mục I.5.1, kiến nghị chưa giải quyết, thay đổi so với kỳ trước',
    description:
      'format=json (mặc định), docx (Word theo thể thức Nghị định 30/2020/NĐ-CP) hoặc xlsx. ' +
      'Kỳ đã chốt luôn lấy từ ảnh chụp số liệu lúc chốt, nên không thay đổi về sau.',
  })
  @ApiProduces('application/json', DOCX_CONTENT_TYPE, XLSX_CONTENT_TYPE)
  @ApiExtraModels(MonthlyReportView)
  @ApiOkResponse({
    description: 'Báo cáo (format=json), hoặc tệp phu-luc-mo-hinh-YYYY-MM.docx|xlsx',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MonthlyReportView) } },
      ...binaryContent(DOCX_CONTENT_TYPE),
      ...binaryContent(XLSX_CONTENT_TYPE),
    },
  })
  @ApiErrors([400, 'kỳ sai dạng YYYY-MM hoặc chưa đến, format không phải json|docx|xlsx'])
  async monthlyReport(
    @Query() query: MonthlyReportQuery,
  ): Promise<MonthlyReportModel | StreamableFile> {
    const options = { reportNumber: query.reportNumber, reportDate: query.reportDate };
    const format = query.format ?? 'json';
    if (format === 'json') return this.monthly.build(query.period, options);
    // The files are built off the event loop, from the data read here.
    const bytes = await this.renderer.monthly({
      format,
      ...(await this.monthly.documentInput(query.period, options)),
    });
    return file(
      bytes,
      format === 'docx' ? DOCX_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      monthlyFileName(query.period, format),
    );
  }
}

function file(buffer: Buffer, type: string, name: string): StreamableFile {
  return new StreamableFile(buffer, {
    type,
    length: buffer.length,
    disposition: `attachment; filename="${name}"`,
  });
}
