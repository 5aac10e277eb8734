import { versionConflict } from './domain-error.js';

/**
 * Writes carry the version the user was looking at. The row is read FOR UPDATE in the write's
 * transaction, so of two writes with the same version exactly one passes this check.
 */
export function assertVersion(
  current: { version: number },
  expected: number | undefined,
  what: string,
): void {
  if (expected !== undefined && current.version !== expected) {
    throw versionConflict(
      `${what} vừa được người khác cập nhật trong lúc bạn đang sửa. Vui lòng xem nội dung mới nhất rồi thử lại.`,
      current.version,
      expected,
    );
  }
}
