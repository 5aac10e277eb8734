import { DomainError } from './domain-error.js';

/** 400 VALIDATION_FAILED in the validation pipe's shape, for rules that need the database. */
export const fieldError = (field: string, problem: string) =>
  new DomainError(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', {
    fields: [{ field, problems: [problem] }],
  });

export const conflict = (message: string, details?: unknown) =>
  new DomainError(409, 'CONFLICT', message, details);

/** A PostgreSQL unique violation (23505) of the named index or constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    ?.driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
