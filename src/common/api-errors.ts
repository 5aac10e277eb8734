import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

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

  @ApiPropertyOptional({ description: 'Chi tiết: các trường sai, các bước được phép, …' })
  details?: unknown;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: dữ liệu không hợp lệ (details.fields liệt kê từng trường)',
  401: 'UNAUTHORIZED: thiếu hoặc sai access token',
  403: 'FORBIDDEN: vai trò hoặc đơn vị không có quyền trên đối tượng này',
  404: 'NOT_FOUND',
  409: 'Xung đột trạng thái hoặc phiên bản (VERSION_CONFLICT, *_TRANSITION_NOT_ALLOWED, PERIOD_LOCKED, CONFLICT)',
  413: 'PAYLOAD_TOO_LARGE: nội dung gửi lên vượt 1 MiB',
  429: 'TOO_MANY_REQUESTS',
};

/** Documents the errors an endpoint (or every endpoint of a controller) may answer. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBodyDoc }),
    ),
  );
}

/** Reads answer these; writes add 403, 404, 409 and 413 as they apply. */
export const READ_ERRORS = [400, 401] as const;
export const WRITE_ERRORS = [400, 401, 403, 404, 409, 413] as const;
