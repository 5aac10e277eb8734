import type { PipeTransform } from '@nestjs/common';
import { validationFailed } from './domain-error.js';
import { PERIOD_REGEX } from './validators.js';

/** A report period in the path: `YYYY-MM`, else 400. */
export const periodPipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!PERIOD_REGEX.test(value)) throw validationFailed('Kỳ báo cáo phải có dạng YYYY-MM.');
    return value;
  },
};
