/** Stable, upper-case error codes of the API (product.md §6). Never rename one. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'INVALID_CREDENTIALS'
  | 'VERSION_CONFLICT'
  | 'CONFLICT'
  | 'PILOT_TRANSITION_NOT_ALLOWED'
  | 'RECOMMENDATION_TRANSITION_NOT_ALLOWED'
  | 'BLOCKER_TRANSITION_NOT_ALLOWED'
  | 'PERIOD_LOCKED'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'NOT_READY'
  | 'INTERNAL_ERROR';

/**
 * An error the API answers with `{statusCode, code, message, details?}`. `message` is
 * Vietnamese, for the person using the service; `code` is for programs.
 */
export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, details?: unknown) =>
  new DomainError(404, 'NOT_FOUND', `Không tìm thấy ${what}.`, details);
