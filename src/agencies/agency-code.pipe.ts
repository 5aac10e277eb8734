import type { PipeTransform } from '@nestjs/common';
import { validationFailed } from '../common/domain-error.js';

/** An agency code in the path: upper-case letters, digits and _, else 400. */
export const agencyCodePipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!/^[A-Z][A-Z0-9_]{0,31}$/.test(value))
      throw validationFailed('Mã cơ quan phải viết hoa, ví dụ BYT.');
    return value;
  },
};
