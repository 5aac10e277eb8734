import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from './domain-error.js';

/** The one error shape, as OpenAPI shows it. */
export class ErrorBodyDoc {
  @ApiProperty({ example: 409 })
  statusCode: number;

  @ApiProperty({ example: 'VERSION_CONFLICT', description: 'Mã lỗi ổn định, viết hoa' })
  code: string;

  @ApiProperty({
    example: 'Mô hình số 7 vừa được người khác cập nhật. Vui lòng tải lại rồi thử lại.',
  })
  message: string;

  @ApiPropertyOptional({
    type: 'object',
    description:
      'Chi tiết: các trường sai, các bước được phép, … (tùy lỗi, có thể có thêm trường khác)',
    properties: {
      fields: {
        type: 'array',
        description: '400 VALIDATION_FAILED: từng trường sai và vì sao',
        items: {
          type: 'object',
          required: ['field', 'problems'],
          properties: {
            field: { type: 'string', example: 'reason' },
            problems: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      field: { type: 'string', description: '409 CONFLICT: trường gây xung đột', example: 'email' },
      currentVersion: { type: 'integer', description: '409 VERSION_CONFLICT: phiên bản hiện tại' },
      sentVersion: { type: 'integer', description: '409 VERSION_CONFLICT: phiên bản đã gửi' },
      retryAfterSeconds: {
        type: 'integer',
        description: '429 TOO_MANY_REQUESTS: số giây đến khi thử lại được',
      },
    },
    additionalProperties: true,
  })
  details?: unknown;
}

/** What a status means to a client, beside the codes ERROR_STATUS answers with it. */
const MEANINGS: Record<number, string> = {
  400: 'dữ liệu không hợp lệ (details.fields liệt kê từng trường)',
  401: 'thiếu hoặc sai access token, hoặc sai email/mật khẩu',
  403: 'vai trò hoặc đơn vị không có quyền trên đối tượng này',
  409: 'xung đột trạng thái hoặc phiên bản',
  413: 'nội dung gửi lên vượt 1 MiB',
  429: 'quá nhiều lần thử; xem Retry-After',
  503: 'chưa sẵn sàng (details.checks)',
};

/** "CODE, CODE: meaning" for a status, from the one code → status table. */
function describe(status: number): string {
  const codes = (Object.keys(ERROR_STATUS) as ErrorCode[]).filter(
    (c) => ERROR_STATUS[c] === status,
  );
  const meaning = MEANINGS[status];
  return meaning ? `${codes.join(', ')}: ${meaning}` : codes.join(', ');
}

/** A status an endpoint may answer, alone or with what it means there. */
export type ApiError = number | [status: number, when: string];

/**
 * Documents the errors an endpoint (or every endpoint of a controller) may answer, each with
 * the error shape; `[409, 'ngày đã có điều chỉnh']` adds what the status means on this endpoint.
 * An endpoint's entry for a status replaces its controller's. Errors are JSON even where the
 * endpoint answers a file (@ApiProduces).
 */
export function ApiErrors(...errors: ApiError[]) {
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDoc) } } };
  return applyDecorators(
    ApiExtraModels(ErrorBodyDoc),
    ...errors.map((error) => {
      const [status, when] = typeof error === 'number' ? [error, undefined] : error;
      const description = when ? `${describe(status)} — ${when}` : describe(status);
      return ApiResponse({ status, description, content });
    }),
  );
}

/** A file download's success: its content type with a binary schema. */
export const binaryContent = (contentType: string) => ({
  [contentType]: { schema: { type: 'string' as const, format: 'binary' } },
});

/** Every endpoint behind a token may answer these; each endpoint adds its own (403, 404, 409, 413). */
export const READ_ERRORS = [400, 401] as const;
