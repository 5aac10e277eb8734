import { ApiProperty } from '@nestjs/swagger';
import { ACCEPTED_MIME_TYPES } from './domain/file-kinds.js';

export class AttachmentUploaderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Thư ký Tổ công tác' })
  name!: string;
}

export class AttachmentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'CV-4338-SYT-TCHC.pdf' })
  fileName!: string;

  @ApiProperty({ enum: ACCEPTED_MIME_TYPES, description: 'Nhận ra từ nội dung tệp, không từ tên' })
  contentType!: string;

  @ApiProperty({ example: 182734 })
  sizeBytes!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 của nội dung' })
  sha256!: string;

  @ApiProperty({
    type: AttachmentUploaderView,
    nullable: true,
    description: 'Người tải lên; null khi tài khoản không còn',
  })
  uploadedBy!: AttachmentUploaderView | null;

  @ApiProperty({ format: 'date-time' })
  uploadedAt!: string;

  @ApiProperty({ example: '/api/v1/attachments/6f1c…' })
  downloadUrl!: string;
}
