import { Body, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { ApiResource } from '../common/api-resource.js';
import {
  CreateIndicatorDto,
  IndicatorQuery,
  IndicatorValueDto,
  UpdateIndicatorDto,
} from './indicator.dto.js';
import { IndicatorValueView, IndicatorView } from './indicator.view.js';
import { indicatorCodePipe } from './indicator-code.pipe.js';
import { IndicatorsService } from './indicators.service.js';

const CodeParam = () => ApiParam({ name: 'code', example: 'hoSoSoHoa' });

/**
 * The catalogue of indicators (readable by every signed-in user; the secretariat and admin
 * manage it) and their values per period, entered by the owning agency's officers or the
 * secretariat under the rules of pilot reports.
 */
@ApiResource('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({
    summary: 'Danh mục chỉ số (toàn tỉnh và của từng mô hình); với ?period= kèm giá trị của kỳ',
  })
  @ApiOkResponse({ type: [IndicatorView] })
  list(@Query() query: IndicatorQuery, @CurrentActor() actor: Actor): Promise<IndicatorView[]> {
    return this.indicators.list(query, actor);
  }

  @Post()
  @ApiOperation({ summary: 'Thêm chỉ số vào danh mục' })
  @ApiCreatedResponse({ type: IndicatorView })
  @ApiErrors([403, 'chỉ thư ký và quản trị'], [409, 'CONFLICT: mã đã có'], 413)
  create(@Body() body: CreateIndicatorDto, @CurrentActor() actor: Actor): Promise<IndicatorView> {
    return this.indicators.create(actor, body);
  }

  @Get(':code')
  @CodeParam()
  @ApiOperation({ summary: 'Một chỉ số theo mã' })
  @ApiOkResponse({ type: IndicatorView })
  @ApiErrors(404)
  get(
    @Param('code', indicatorCodePipe) code: string,
    @CurrentActor() actor: Actor,
  ): Promise<IndicatorView> {
    return this.indicators.get(code, actor);
  }

  @Patch(':code')
  @CodeParam()
  @ApiOperation({
    summary: 'Sửa chỉ số: tên, đơn vị tính, loại, đơn vị chịu trách nhiệm, mục báo cáo, thứ tự',
  })
  @ApiOkResponse({ type: IndicatorView })
  @ApiErrors([403, 'chỉ thư ký và quản trị'], 404, [409, 'VERSION_CONFLICT'], 413)
  update(
    @Param('code', indicatorCodePipe) code: string,
    @Body() body: UpdateIndicatorDto,
    @CurrentActor() actor: Actor,
  ): Promise<IndicatorView> {
    return this.indicators.update(actor, code, body);
  }

  @Get(':code/values')
  @CodeParam()
  @ApiOperation({ summary: 'Các giá trị của chỉ số theo kỳ, mới nhất trước' })
  @ApiOkResponse({ type: [IndicatorValueView] })
  @ApiErrors(404)
  values(@Param('code', indicatorCodePipe) code: string): Promise<IndicatorValueView[]> {
    return this.indicators.values(code);
  }

  @Post(':code/values')
  @CodeParam()
  @ApiOperation({ summary: 'Nhập hoặc sửa giá trị của kỳ (201 khi nhập mới, 200 khi sửa)' })
  @ApiCreatedResponse({ type: IndicatorValueView, description: 'Giá trị vừa nhập' })
  @ApiOkResponse({ type: IndicatorValueView, description: 'Giá trị sau khi sửa' })
  @ApiErrors(
    [403, 'chỉ thư ký và cán bộ đầu mối của đơn vị chịu trách nhiệm chỉ số'],
    404,
    [409, 'PERIOD_LOCKED, VERSION_CONFLICT hoặc CONFLICT (chỉ số đã ngừng)'],
    413,
  )
  async writeValue(
    @Param('code', indicatorCodePipe) code: string,
    @Body() body: IndicatorValueDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IndicatorValueView> {
    const { created, value } = await this.indicators.writeValue(actor, code, body);
    void reply.status(created ? 201 : 200);
    return value;
  }
}
