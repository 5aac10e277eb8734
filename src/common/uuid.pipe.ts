import type { PipeTransform } from '@nestjs/common';
import { validationFailed } from './domain-error.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the path: a UUID, else 400 (never a database error). */
export const uuidPipe: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!UUID.test(value)) throw validationFailed('Mã định danh không hợp lệ (cần UUID).');
    return value.toLowerCase();
  },
};
