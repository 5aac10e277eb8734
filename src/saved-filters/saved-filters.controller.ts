import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { ApiResource } from '../common/api-resource.js';
import type { Page } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { SaveFilterDto, SavedFilterListQuery } from './saved-filter.dto.js';
import { SavedFilterPage, SavedFilterView } from './saved-filter.view.js';
import { SavedFiltersService } from './saved-filters.service.js';

/** Every write declares 403 (api-read.spec); here no role is refused: each user has their own. */
const EVERY_ROLE: [number, string] = [403, 'không áp dụng: mọi vai trò đều lưu được bộ lọc'];

@ApiResource('saved-filters')
export class SavedFiltersController {
  constructor(private readonly filters: SavedFiltersService) {}

  @Get()
  @ApiOperation({ summary: 'Các bộ lọc đã lưu của chính người dùng, theo danh sách rồi theo tên' })
  @ApiOkResponse({ type: SavedFilterPage })
  list(
    @Query() query: SavedFilterListQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<SavedFilterView>> {
    return this.filters.mine(actor, query);
  }

  @Post()
  @ApiOperation({
    summary:
      'Lưu bộ lọc của bảng mô hình hoặc danh sách kiến nghị dưới một tên (trùng tên thì thay); tối đa 30 bộ lọc mỗi danh sách',
  })
  @ApiCreatedResponse({ type: SavedFilterView })
  @ApiErrors(EVERY_ROLE, [409, 'CONFLICT: đã có 30 bộ lọc cho danh sách này'], 413)
  save(@Body() body: SaveFilterDto, @CurrentActor() actor: Actor): Promise<SavedFilterView> {
    return this.filters.save(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Xóa một bộ lọc đã lưu của chính mình' })
  @ApiNoContentResponse({ description: 'Đã xóa' })
  @ApiErrors(EVERY_ROLE, [404, 'không có bộ lọc này trong các bộ lọc của người dùng'])
  async remove(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.filters.remove(actor, id);
  }
}
