import { Module } from '@nestjs/common';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';

/** The header's search over pilots, blockers, letters and reports (GET /api/v1/search). */
@Module({ controllers: [SearchController], providers: [SearchService] })
export class SearchModule {}
