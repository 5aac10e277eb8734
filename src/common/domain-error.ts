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
  | 'UNSUPPORTED_FILE_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'NOT_READY'
  | 'INTERNAL_ERROR';

/** The one place a code gets its HTTP status; OpenAPI's error docs are read from it too. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  CONFLICT: 409,
  PILOT_TRANSITION_NOT_ALLOWED: 409,
  RECOMMENDATION_TRANSITION_NOT_ALLOWED: 409,
  BLOCKER_TRANSITION_NOT_ALLOWED: 409,
  PERIOD_LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
  NOT_READY: 503,
} as const satisfies Record<ErrorCode, number>;

/**
 * An error the API answers with `{statusCode, code, message, details?}`. `message` is
 * Vietnamese, for the person using the service; `code` is for programs; the status follows
 * from the code. Build one with the helpers below.
 */
export class DomainError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
    this.statusCode = ERROR_STATUS[code];
  }
}

/** One field's problems, in the validation pipe's shape. */
export interface FieldProblems {
  field: string;
  problems: string[];
}

/** The validation pipe's message, for input that fails field rules. */
export const INVALID_INPUT = 'Dữ liệu gửi lên không hợp lệ.';

/** 400 VALIDATION_FAILED; with `fields`, details are `{fields}` as the validation pipe gives them. */
export const validationFailed = (message: string, fields?: FieldProblems[]) =>
  new DomainError('VALIDATION_FAILED', message, fields && { fields });

/** 400 VALIDATION_FAILED for one field's problem, for rules that need the database. */
export const fieldError = (field: string, problem: string, message = INVALID_INPUT) =>
  validationFailed(message, [{ field, problems: [problem] }]);

export const unauthorized = (message = 'Bạn cần đăng nhập.') =>
  new DomainError('UNAUTHORIZED', message);

export const invalidCredentials = () =>
  new DomainError('INVALID_CREDENTIALS', 'Email hoặc mật khẩu không đúng.');

export const forbidden = (message: string, details?: unknown) =>
  new DomainError('FORBIDDEN', message, details);

export const notFound = (what: string, details?: unknown) =>
  new DomainError('NOT_FOUND', `Không tìm thấy ${what}.`, details);

/** 409 VERSION_CONFLICT: the client edited a version that is no longer the current one. */
export const versionConflict = (message: string, currentVersion: number, sentVersion: number) =>
  new DomainError('VERSION_CONFLICT', message, { currentVersion, sentVersion });

export const conflict = (message: string, details?: unknown) =>
  new DomainError('CONFLICT', message, details);

/** 409: the object's state machine has no such step from where it is. */
export const transitionNotAllowed = (
  code:
    | 'PILOT_TRANSITION_NOT_ALLOWED'
    | 'RECOMMENDATION_TRANSITION_NOT_ALLOWED'
    | 'BLOCKER_TRANSITION_NOT_ALLOWED',
  message: string,
  details: unknown,
) => new DomainError(code, message, details);

export const periodLocked = (message: string, period: string) =>
  new DomainError('PERIOD_LOCKED', message, { period });

/** 503 NOT_READY with the state of each check, for load balancers. */
export const notReady = (checks: Record<string, unknown>) =>
  new DomainError('NOT_READY', 'Dịch vụ chưa sẵn sàng.', { checks });
