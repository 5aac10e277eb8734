import { Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Int } from '../common/validators.js';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors, binaryContent } from '../common/api-errors.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { FOLLOW_UP_MIN_LEVEL } from './domain/follow-up-letter-rule.js';
import { DOCX_CONTENT_TYPE } from './follow-up-letter/docx-content-type.js';
import { FollowUpLetterService } from './follow-up-letter/follow-up-letter.service.js';
import { ApiResource } from '../common/api-resource.js';

/** `?level=2`: the escalation level whose letters are wanted. */
export class FollowUpLevelQuery {
  @ApiProperty({ minimum: FOLLOW_UP_MIN_LEVEL, maximum: 20, example: FOLLOW_UP_MIN_LEVEL })
  @Type(() => Number)
  @Int('level', FOLLOW_UP_MIN_LEVEL, 20)
  level: number;
}

@ApiResource('recommendations')
export class FollowUpLetterController {
  constructor(private readonly letters: FollowUpLetterService) {}

  @Get('follow-up-letters')
  @ApiOperation({
    summary:
      'Dự thảo công văn đôn đốc của mọi kiến nghị đang ở một mức đôn đốc, trong một tệp .docx ' +
      '(mỗi công văn một phần, bắt đầu trang mới; thư ký, lãnh đạo)',
  })
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'Tệp .docx, tên dạng don-doc-muc-2-2024-01-15.docx',
    content: binaryContent(DOCX_CONTENT_TYPE),
  })
  @ApiErrors([403, 'chỉ thư ký và lãnh đạo'], [404, 'không có kiến nghị nào ở mức này'])
  async downloadAtLevel(
    @Query() query: FollowUpLevelQuery,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const { fileName, bytes } = await this.letters.draftAtLevel(actor, query.level);
    return new StreamableFile(bytes, {
      type: DOCX_CONTENT_TYPE,
      disposition: `attachment; filename="${fileName}"`,
      length: bytes.length,
    });
  }

  @Get(':id/follow-up-letter')
  @ApiOperation({
    summary:
      'Dự thảo công văn đôn đốc trả lời kiến nghị (.docx, thể thức Nghị định 30/2020/NĐ-CP), ' +
      `cho kiến nghị đã gửi, chưa được trả lời và đã đến mức đôn đốc ${FOLLOW_UP_MIN_LEVEL} trở lên (thư ký, lãnh đạo)`,
  })
  @ApiProduces(DOCX_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'Tệp .docx, tên dạng don-doc-5772-tctda06-cat.docx',
    content: binaryContent(DOCX_CONTENT_TYPE),
  })
  @ApiErrors([403, 'chỉ thư ký và lãnh đạo'], 404, [
    409,
    `CONFLICT: kiến nghị không ở trạng thái SENT hoặc chưa đến mức đôn đốc ${FOLLOW_UP_MIN_LEVEL}`,
  ])
  async download(
    @Param('id', uuidPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const { fileName, bytes } = await this.letters.draft(actor, id);
    return new StreamableFile(bytes, {
      type: DOCX_CONTENT_TYPE,
      disposition: `attachment; filename="${fileName}"`,
      length: bytes.length,
    });
  }
}
