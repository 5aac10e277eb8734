import { Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { TIMELINE_PAGE_PARAM, timelinePageOf } from '../components/timeline-sources.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { BlockerPage } from './blocker-page.js';

/** The page of one blocker (issue 16, item 5): its facts, its letters, its timeline. */
@WebPages()
export class BlockerPageController {
  constructor(private readonly blockerPage: BlockerPage) {}

  @Get('vuong-mac/:id')
  show(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Query(TIMELINE_PAGE_PARAM) timelinePage: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.blockerPage.show(web, reply, id, { timelinePage: timelinePageOf(timelinePage) });
  }
}
