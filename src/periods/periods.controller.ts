import { Controller, Get, HttpCode, Param, Post, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors, READ_ERRORS } from '../common/api-errors.js';
import { validationFailed } from '../common/domain-error.js';
import { PERIOD_REGEX } from '../common/validators.js';
import { PeriodView } from './period.view.js';
import { PeriodsService } from './periods.service.js';

const periodPipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!PERIOD_REGEX.test(value)) throw validationFailed('Kỳ báo cáo phải có dạng YYYY-MM.');
    return value;
  },
};

@ApiTags('reports')
@ApiBearerAuth()
@ApiErrors(...READ_ERRORS)
@Controller('periods')
export class PeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @Get()
  @ApiOperation({ summary: 'Các kỳ báo cáo, số báo cáo và trạng thái chốt số liệu' })
  @ApiOkResponse({ type: [PeriodView], description: 'Kỳ mới nhất trước' })
  list(): Promise<PeriodView[]> {
    return this.periods.periods();
  }

  @Post(':period/lock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Chốt số liệu kỳ báo cáo (thư ký): báo cáo của kỳ không sửa được nữa' })
  @ApiOkResponse({
    type: PeriodView,
    description: 'Kỳ sau khi chốt (chốt lại kỳ đã chốt: không đổi)',
  })
  @ApiErrors([400, 'kỳ không có dạng YYYY-MM'], [403, 'chỉ thư ký'], 413)
  lock(
    @Param('period', periodPipe) period: string,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodView> {
    return this.periods.setLocked(actor, period, true);
  }

  @Post(':period/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mở lại kỳ báo cáo đã chốt (thư ký, có ghi nhật ký)' })
  @ApiOkResponse({ type: PeriodView, description: 'Kỳ sau khi mở lại' })
  @ApiErrors([400, 'kỳ không có dạng YYYY-MM'], [403, 'chỉ thư ký'], 413)
  unlock(
    @Param('period', periodPipe) period: string,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodView> {
    return this.periods.setLocked(actor, period, false);
  }
}
