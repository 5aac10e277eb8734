import { PageQuery } from '../common/pagination.js';
import { EntityVersion, Text } from '../common/validators.js';
import { COMMENT_MAX_LENGTH } from './domain/comment-rules.js';

/** A new comment: its text, trimmed and NFC-normalised before it is checked (validators.ts). */
export class CreateCommentDto {
  @Text('body', {
    max: COMMENT_MAX_LENGTH,
    example: 'Đề nghị Sở Y tế cập nhật tiến độ kết nối trước ngày 15.',
    description: 'Nội dung bình luận (chuẩn hóa Unicode NFC, bỏ khoảng trắng đầu cuối)',
  })
  body: string;
}

/** The author's correction of their comment, against the version they were reading. */
export class UpdateCommentDto {
  @Text('body', { max: COMMENT_MAX_LENGTH, description: 'Nội dung mới của bình luận' })
  body: string;

  @EntityVersion()
  version: number;
}

export class CommentListQuery extends PageQuery {}
