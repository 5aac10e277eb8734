import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.js';
import { COMMENT_TARGET_TYPES, type CommentTargetType } from './domain/comment-rules.js';

export class CommentAuthorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  name!: string;
}

/** What a comment is on, enough to link to its page. */
export class CommentTargetView {
  @ApiProperty({ enum: COMMENT_TARGET_TYPES })
  type!: CommentTargetType;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Số mô hình: của mô hình được bình luận, hoặc mô hình của vướng mắc',
  })
  pilotNumber!: number | null;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: CommentTargetView })
  on!: CommentTargetView;

  @ApiProperty({ type: CommentAuthorView })
  author!: CommentAuthorView;

  @ApiProperty({ description: 'Nội dung, như người viết đã gửi (NFC)' })
  body!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Lần sửa gần nhất; null khi chưa sửa (dấu "đã sửa")',
  })
  editedAt!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ description: 'Người hỏi là tác giả: được sửa' })
  canEdit!: boolean;

  @ApiProperty({ description: 'Người hỏi là tác giả hoặc thư ký: được xóa' })
  canDelete!: boolean;
}

export class CommentPage extends PageOf(CommentView) {}
