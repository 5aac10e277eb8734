import type { ErrorCode } from './domain-error.js';

/** The one error shape of the API. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}
