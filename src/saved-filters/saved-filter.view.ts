import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.js';
import { SAVED_FILTER_LISTS, type SavedFilterList } from './domain/saved-filter-rules.js';

export class SavedFilterView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: SAVED_FILTER_LISTS })
  list!: SavedFilterList;

  @ApiProperty({ example: 'Quá hạn của Sở Y tế' })
  name!: string;

  @ApiProperty({ example: 'state=QUA_HAN&agency=SYT', description: 'Không có dấu "?" đầu' })
  query!: string;

  @ApiProperty({ format: 'date-time', description: 'Lần lưu gần nhất' })
  savedAt!: string;
}

export class SavedFilterPage extends PageOf(SavedFilterView) {}
