import {
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PageQuery } from '../common/pagination.js';
import { OneOf, Text } from '../common/validators.js';
import {
  NAME_MAX,
  parseFilterQuery,
  QUERY_MAX,
  SAVED_FILTER_LISTS,
  type SavedFilterList,
} from './domain/saved-filter-rules.js';

/** The query holds the list's own filters only (parseFilterQuery says what is wrong if not). */
@ValidatorConstraint({ name: 'filterQuery' })
class FilterQueryOfList implements ValidatorConstraintInterface {
  private problem(value: unknown, args: ValidationArguments): string | null {
    const list = (args.object as { list?: unknown }).list;
    // A query that is not text, or a list that is not one, is said by the other rules.
    if (typeof value !== 'string' || !SAVED_FILTER_LISTS.some((l) => l === list)) return null;
    const parsed = parseFilterQuery(list as SavedFilterList, value);
    return 'problem' in parsed ? parsed.problem : null;
  }

  validate(value: unknown, args: ValidationArguments): boolean {
    return this.problem(value, args) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return this.problem(args.value, args) ?? 'query không hợp lệ';
  }
}

/** A filter to save under a name (the same name again replaces its query). */
export class SaveFilterDto {
  @OneOf('list', SAVED_FILTER_LISTS, {
    description: 'Danh sách: board (bảng mô hình) hoặc letters (danh sách kiến nghị)',
  })
  list: SavedFilterList;

  @Text('name', {
    max: NAME_MAX,
    example: 'Quá hạn của Sở Y tế',
    description: 'Tên bộ lọc (chuẩn hóa NFC, bỏ khoảng trắng thừa); trùng tên thì thay bộ lọc cũ',
  })
  name: string;

  @Text('query', {
    max: QUERY_MAX,
    example: 'state=QUA_HAN&agency=SYT',
    description:
      'Chuỗi truy vấn của danh sách, chỉ gồm các bộ lọc của nó — board: q, state, agency, blocked; letters: q, state, addressee, agency, pilot — mỗi bộ lọc một lần, ít nhất một',
  })
  @Validate(FilterQueryOfList)
  query: string;
}

export class SavedFilterListQuery extends PageQuery {
  @OneOf('list', SAVED_FILTER_LISTS, { optional: true })
  list?: SavedFilterList;
}
