import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { ApiResource } from '../common/api-resource.js';
import type { Page } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { ApiPilotNumber, pilotNumberPipe } from '../pilots/pilot-number.pipe.js';
import { CommentListQuery, CreateCommentDto, UpdateCommentDto } from './comment.dto.js';
import { CommentPage, CommentView } from './comment.view.js';
import { CommentsService } from './comments.service.js';

/** Every write declares 403 (api-read.spec); here no role is refused. */
const EVERY_ROLE: [number, string] = [403, 'không áp dụng: mọi vai trò đều được bình luận'];
const LIST = 'Bình luận, cũ nhất trước (mọi người dùng đã đăng nhập)';
const ADD =
  'Thêm bình luận (mọi người dùng đã đăng nhập, kể cả lãnh đạo: ý kiến chỉ đạo); ghi nhật ký của đối tượng';

@ApiResource('pilots', { tag: 'comments' })
export class PilotCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get(':number/comments')
  @ApiPilotNumber()
  @ApiOperation({ summary: `${LIST} của mô hình` })
  @ApiOkResponse({ type: CommentPage })
  @ApiErrors(404)
  list(
    @Param('number', pilotNumberPipe) number: number,
    @Query() query: CommentListQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<CommentView>> {
    return this.comments.list(actor, { type: 'pilot', number }, query);
  }

  @Post(':number/comments')
  @ApiPilotNumber()
  @ApiOperation({ summary: `${ADD} — mô hình` })
  @ApiCreatedResponse({ type: CommentView })
  @ApiErrors(EVERY_ROLE, 404, 413)
  add(
    @Param('number', pilotNumberPipe) number: number,
    @Body() body: CreateCommentDto,
    @CurrentActor() actor: Actor,
  ): Promise<CommentView> {
    return this.comments.add(actor, { type: 'pilot', number }, body.body);
  }
}

@ApiResource('blockers', { tag: 'comments' })
export class BlockerCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get(':id/comments')
  @ApiOperation({ summary: `${LIST} của vướng mắc` })
  @ApiOkResponse({ type: CommentPage })
  @ApiErrors(404)
  list(
    @Param('id', uuidPipe) id: string,
    @Query() query: CommentListQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<CommentView>> {
    return this.comments.list(actor, { type: 'blocker', id }, query);
  }

  @Post(':id/comments')
  @ApiOperation({ summary: `${ADD} — vướng mắc` })
  @ApiCreatedResponse({ type: CommentView })
  @ApiErrors(EVERY_ROLE, 404, 413)
  add(
    @Param('id', uuidPipe) id: string,
    @Body() body: CreateCommentDto,
    @CurrentActor() actor: Actor,
  ): Promise<CommentView> {
    return this.comments.add(actor, { type: 'blocker', id }, body.body);
  }
}

@ApiResource('recommendations', { tag: 'comments' })
export class LetterCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get(':id/comments')
  @ApiOperation({ summary: `${LIST} của kiến nghị` })
  @ApiOkResponse({ type: CommentPage })
  @ApiErrors(404)
  list(
    @Param('id', uuidPipe) id: string,
    @Query() query: CommentListQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<CommentView>> {
    return this.comments.list(actor, { type: 'recommendation', id }, query);
  }

  @Post(':id/comments')
  @ApiOperation({ summary: `${ADD} — kiến nghị` })
  @ApiCreatedResponse({ type: CommentView })
  @ApiErrors(EVERY_ROLE, 404, 413)
  add(
    @Param('id', uuidPipe) id: string,
    @Body() body: CreateCommentDto,
    @CurrentActor() actor: Actor,
  ): Promise<CommentView> {
    return this.comments.add(actor, { type: 'recommendation', id }, body.body);
  }
}

@ApiResource('comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Sửa bình luận của mình (kèm phiên bản đang xem); bình luận được đánh dấu "đã sửa"',
  })
  @ApiOkResponse({ type: CommentView })
  @ApiErrors([403, 'không phải người viết'], 404, [409, 'VERSION_CONFLICT'], 413)
  edit(
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateCommentDto,
    @CurrentActor() actor: Actor,
  ): Promise<CommentView> {
    return this.comments.edit(actor, id, body.body, body.version);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Xóa bình luận (người viết; thư ký xóa được mọi bình luận); nội dung vẫn còn trong nhật ký',
  })
  @ApiNoContentResponse({ description: 'Đã xóa' })
  @ApiErrors([403, 'không phải người viết, cũng không phải thư ký'], 404)
  async remove(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.comments.remove(actor, id);
  }
}
