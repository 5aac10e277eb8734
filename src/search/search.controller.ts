import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiResource } from '../common/api-resource.js';
import { SEARCH_LIMIT, SearchService } from './search.service.js';
import { SearchQuery } from './search.query.js';
import { SearchResultView } from './search.view.js';

@ApiResource('search')
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  @Get()
  @ApiOperation({
    summary:
      'Tìm chung: mô hình, vướng mắc, kiến nghị và báo cáo tháng, không phân biệt dấu ' +
      `(mỗi loại tối đa ${SEARCH_LIMIT} kết quả đầu, kèm tổng số)`,
  })
  @ApiOkResponse({ type: SearchResultView })
  search(@Query() query: SearchQuery, @CurrentActor() actor: Actor): Promise<SearchResultView> {
    return this.searches.search(query.q, actor);
  }
}
