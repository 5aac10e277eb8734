import type { PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { validationFailed } from '../common/domain-error.js';

/** The digits of a pilot number: a positive integer that fits the column. */
const PILOT_NUMBER = /^[1-9][0-9]{0,8}$/;

/** A pilot number in the path: a positive integer that fits the column, else 400. */
export const pilotNumberPipe: PipeTransform<string, number> = {
  transform(value: string): number {
    if (!PILOT_NUMBER.test(value)) {
      throw validationFailed('Số mô hình phải là số nguyên dương.');
    }
    return Number(value);
  },
};

/**
 * The `:number` path parameter as the pipe reads it: text of digits, so that a client passing
 * on what it was given (the web's page addresses) gets the pipe's 400 for anything else.
 */
export const ApiPilotNumber = () =>
  ApiParam({
    name: 'number',
    description: 'Số thứ tự của mô hình (1–31)',
    schema: { type: 'string', pattern: PILOT_NUMBER.source, example: '6' },
  });
