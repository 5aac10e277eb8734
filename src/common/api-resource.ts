import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrors, READ_ERRORS, type ApiError } from './api-errors.js';

/**
 * A controller of the signed-in API: its path under /api/v1, its OpenAPI tag (the path unless
 * given), the bearer token, and the errors every operation of it may answer (400 and 401
 * unless given; operations add their own).
 */
export function ApiResource(
  path: string,
  options: { tag?: string; errors?: readonly ApiError[] } = {},
): ClassDecorator {
  return applyDecorators(
    ApiTags(options.tag ?? path),
    ApiBearerAuth(),
    ApiErrors(...(options.errors ?? READ_ERRORS)),
    Controller(path),
  );
}
