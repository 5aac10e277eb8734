import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 50;
/** Far past any list of ours, and far below PostgreSQL's bigint (2^63 used to answer 500). */
export const MAX_OFFSET = 1_000_000;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit phải là số nguyên' })
  @Min(1, { message: 'limit phải từ 1 đến 100' })
  @Max(MAX_LIMIT, { message: 'limit phải từ 1 đến 100' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset phải là số nguyên' })
  @Min(0, { message: 'offset không được âm' })
  @Max(MAX_OFFSET, { message: `offset tối đa ${MAX_OFFSET}` })
  offset?: number;
}

/** The one list shape of the API. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQuery): Page<T> {
  return { items, total, limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 };
}

/**
 * The list shape as an OpenAPI class for one kind of item:
 * `export class PilotPage extends PageOf(PilotView) {}`.
 */
export function PageOf<T>(item: Class<T>) {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty()
    total!: number;

    @ApiProperty()
    limit!: number;

    @ApiProperty()
    offset!: number;
  }
  return PageOfItems;
}
