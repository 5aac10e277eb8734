import type { PipeTransform } from '@nestjs/common';
import { validationFailed } from '../common/domain-error.js';

/** A pilot number in the path: a positive integer that fits the column, else 400. */
export const pilotNumberPipe: PipeTransform<string, number> = {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value)) {
      throw validationFailed('Số mô hình phải là số nguyên dương.');
    }
    return Number(value);
  },
};
