import type { PipeTransform } from '@nestjs/common';
import { validationFailed } from '../common/domain-error.js';
import { INDICATOR_CODE_PATTERN } from './domain/indicator-kind.js';

const CODE = new RegExp(INDICATOR_CODE_PATTERN);

/** An indicator code in the path, else 400. */
export const indicatorCodePipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!CODE.test(value)) {
      throw validationFailed('Mã chỉ số gồm chữ, số và _, bắt đầu bằng chữ, ví dụ hoSoSoHoa.');
    }
    return value;
  },
};
