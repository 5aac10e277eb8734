import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { EntityVersion, Uuid } from '../common/validators.js';
import { RecordResponseDto } from './recommendation.dto.js';
import { RecommendationView } from './recommendation.view.js';

/** The most letters one answer is recorded against at once (a report carries a few dozen at most). */
export const BULK_RESPONSE_MAX = 100;

/** A letter the answer goes to, with the version the form showed (a stale one refuses all). */
export class LetterVersionRef {
  @Uuid('id')
  id: string;

  @EntityVersion({ optional: true })
  version?: number;
}

/**
 * One answer (one document) recorded against several letters: the same fields as a single
 * answer (`POST /recommendations/{id}/responses`), and the letters.
 */
export class BulkResponseDto extends OmitType(RecordResponseDto, ['version'] as const) {
  @ApiProperty({ type: [LetterVersionRef], description: 'Các kiến nghị nhận văn bản trả lời này' })
  @IsArray({ message: 'recommendations phải là danh sách' })
  @ArrayMinSize(1, { message: 'recommendations cần ít nhất một kiến nghị' })
  @ArrayMaxSize(BULK_RESPONSE_MAX, {
    message: `recommendations tối đa ${BULK_RESPONSE_MAX} kiến nghị`,
  })
  @ValidateNested({ each: true })
  @Type(() => LetterVersionRef)
  recommendations: LetterVersionRef[];
}

export class BulkResponseView {
  @ApiProperty({
    type: [RecommendationView],
    description: 'Các kiến nghị sau khi ghi nhận, theo thứ tự gửi lên',
  })
  recommendations!: RecommendationView[];
}
