import { ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { INVALID_INPUT, validationFailed } from './domain-error.js';
import { hasUnstorableCharacter, UNSTORABLE_PROBLEM } from './validators.js';

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

/** Keys Nest's pipe deletes silently (prototype pollution): refused instead, by name. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const RESERVED_PROBLEM =
  'Tên trường này (__proto__, constructor, prototype) không được phép, hãy đặt tên khác.';

/**
 * The fields of a parsed body or query holding a text PostgreSQL cannot store or UTF-8 cannot
 * encode, or named so that Nest's pipe would drop them without a word. Iterative: the JSON
 * parser bounds the depth, this walk does not rely on it.
 */
export function refusedFields(value: unknown, root = ''): FieldProblem[] {
  const found: FieldProblem[] = [];
  const pending: [string, unknown][] = [[root, value]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [field, v] = next;
    if (typeof v === 'string') {
      const name = field || 'body';
      if (hasUnstorableCharacter(v))
        found.push({ field: name, problems: [`${name} ${UNSTORABLE_PROBLEM}`] });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        const path = field ? `${field}.${key}` : key;
        if (hasUnstorableCharacter(key))
          found.push({ field: field || 'body', problems: [`Tên trường ${UNSTORABLE_PROBLEM}`] });
        else if (RESERVED_KEYS.has(key)) found.push({ field: path, problems: [RESERVED_PROBLEM] });
        else pending.push([path, child]);
      }
    }
  }
  return found.reverse();
}

/**
 * The ValidationPipe, after refusing NUL, lone surrogates and reserved names anywhere in a DTO's
 * input.
 */
class CheckedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && this.toValidate(metadata)) {
      const fields = refusedFields(value);
      if (fields.length > 0) throw validationFailed(INVALID_INPUT, fields);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Validates every body and query against its DTO: texts with NUL or lone surrogates and unknown
 * fields are refused, values are converted from strings where the DTO says so, and failures
 * answer 400 VALIDATION_FAILED with the fields at fault.
 */
export function createValidationPipe(): ValidationPipe {
  return new CheckedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(INVALID_INPUT, flatten(errors)),
  });
}
