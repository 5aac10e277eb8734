import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiErrors, type ApiError } from './api-errors.js';

/** What an action endpoint does, and the object it answers with (and what that answer is). */
export interface ApiActionDoc {
  summary: string;
  type: Type;
  description?: string;
}

/**
 * A POST that acts on an existing object (a transition, a lock, a response) and answers with
 * the object: 200 rather than Nest's 201, its summary, its answer and the errors it adds to its
 * controller's (as ApiErrors takes them).
 */
export function ApiAction({ summary, type, description }: ApiActionDoc, ...errors: ApiError[]) {
  return applyDecorators(
    HttpCode(200),
    ApiOperation({ summary }),
    ApiOkResponse(description ? { type, description } : { type }),
    ApiErrors(...errors),
  );
}
