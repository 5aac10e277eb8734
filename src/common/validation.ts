import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints
      ? [
          {
            field,
            problems: Object.entries(e.constraints).map(([rule, message]) =>
              rule === 'whitelistValidation'
                ? `Trường "${field}" không được phép gửi lên.`
                : message,
            ),
          },
        ]
      : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates every body and query against its DTO: unknown fields are refused, values are
 * converted from strings where the DTO says so, and failures answer 400 VALIDATION_FAILED
 * with the fields at fault.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainError(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', {
        fields: flatten(errors),
      }),
  });
}
