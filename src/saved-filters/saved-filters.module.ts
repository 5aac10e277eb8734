import { Module } from '@nestjs/common';
import { SavedFiltersController } from './saved-filters.controller.js';
import { SavedFiltersService } from './saved-filters.service.js';

/** Each user's saved filters of the board and the letters list (issue 16, item 1). */
@Module({
  controllers: [SavedFiltersController],
  providers: [SavedFiltersService],
})
export class SavedFiltersModule {}
