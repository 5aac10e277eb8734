import { Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
} from '@nestjs/swagger';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors, binaryContent } from '../common/api-errors.js';
import { ApiResource } from '../common/api-resource.js';
import { periodPipe } from '../common/period.pipe.js';
import { fieldError } from '../common/domain-error.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { ApiPilotNumber, pilotNumberPipe } from '../pilots/pilot-number.pipe.js';
import { readPart, unreadable } from './multipart.js';
import { AttachmentView } from './attachment.view.js';
import { AttachmentsService, type AttachmentTarget } from './attachments.service.js';
import { ACCEPTED_LABELS, ACCEPTED_MIME_TYPES } from './domain/file-kinds.js';
import { sendAttachment } from './attachment-reply.js';

/** The OpenAPI description of an upload: one part `file`, multipart/form-data. */
const ApiUpload = (summary: string) =>
  function (target: object, key: string | symbol, descriptor: PropertyDescriptor) {
    ApiOperation({
      summary: `${summary} (${ACCEPTED_LABELS}; loại tệp nhận ra từ nội dung)`,
    })(target, key, descriptor);
    ApiConsumes('multipart/form-data')(target, key, descriptor);
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' } },
      },
    })(target, key, descriptor);
    ApiCreatedResponse({ type: AttachmentView })(target, key, descriptor);
    ApiErrors(
      [400, 'không có phần file, tệp rỗng hoặc không trọn vẹn'],
      [403, 'không được sửa đối tượng này'],
      404,
      [409, 'kỳ báo cáo đã chốt'],
      [413, 'tệp vượt giới hạn (ATTACHMENT_MAX_MB, mặc định 20 MB)'],
      [415, `nội dung không phải ${ACCEPTED_LABELS}`],
    )(target, key, descriptor);
  };

/** Reads the one `file` part of a multipart request and hands its stream to the service. */
async function receive(
  req: FastifyRequest,
  reply: FastifyReply,
  maxBytes: number,
  upload: (file: { fileName: string; content: AsyncIterable<Buffer> }) => Promise<AttachmentView>,
): Promise<AttachmentView> {
  if (!req.isMultipart())
    throw fieldError('file', 'Gửi tệp dạng multipart/form-data, trong phần tên "file".');
  let part: MultipartFile | undefined;
  try {
    // One byte over the limit reaches the store, which refuses it with the limit in its message.
    part = await req.file({ limits: { fileSize: maxBytes + 1, files: 1 } });
  } catch (error) {
    void reply.header('connection', 'close');
    throw unreadable(error, maxBytes);
  }
  if (!part || part.fieldname !== 'file')
    throw fieldError('file', 'Không có phần "file" trong yêu cầu.');
  try {
    return await upload({ fileName: part.filename, content: readPart(part, maxBytes) });
  } catch (error) {
    // The client may still be sending the rest: answer now and close the connection rather
    // than read (or leave unread on a kept-alive connection) what is refused anyway.
    void reply.header('connection', 'close');
    throw error;
  } finally {
    part.file.resume();
  }
}

@ApiResource('recommendations', { tag: 'attachments' })
export class LetterAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post(':id/attachments')
  @ApiUpload('Tải lên tệp của kiến nghị, ví dụ bản quét công văn (thư ký)')
  upload(
    @Param('id', uuidPipe) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<AttachmentView> {
    const target: AttachmentTarget = { kind: 'letter', recommendationId: id };
    return receive(req, reply, this.attachments.maxBytes, (f) =>
      this.attachments.upload(actor, target, f),
    );
  }

  @Get(':id/attachments')
  @ApiOperation({ summary: 'Các tệp của kiến nghị' })
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiErrors(404)
  list(@Param('id', uuidPipe) id: string): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'letter', recommendationId: id });
  }

  @Post(':id/responses/:responseId/attachments')
  @ApiUpload('Tải lên tệp của văn bản trả lời, ví dụ bản quét văn bản của bộ (thư ký)')
  uploadToResponse(
    @Param('id', uuidPipe) id: string,
    @Param('responseId', uuidPipe) responseId: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<AttachmentView> {
    const target: AttachmentTarget = { kind: 'response', recommendationId: id, responseId };
    return receive(req, reply, this.attachments.maxBytes, (f) =>
      this.attachments.upload(actor, target, f),
    );
  }

  @Get(':id/responses/:responseId/attachments')
  @ApiOperation({ summary: 'Các tệp của văn bản trả lời' })
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiErrors(404)
  listOfResponse(
    @Param('id', uuidPipe) id: string,
    @Param('responseId', uuidPipe) responseId: string,
  ): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'response', recommendationId: id, responseId });
  }
}

@ApiResource('pilots', { tag: 'attachments' })
export class ReportAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post(':number/reports/:period/attachments')
  @ApiPilotNumber()
  @ApiUpload('Tải lên tệp kèm báo cáo tháng của mô hình (đơn vị chủ trì, thư ký)')
  upload(
    @Param('number', pilotNumberPipe) pilotNumber: number,
    @Param('period', periodPipe) period: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<AttachmentView> {
    const target: AttachmentTarget = { kind: 'report', pilotNumber, period };
    return receive(req, reply, this.attachments.maxBytes, (f) =>
      this.attachments.upload(actor, target, f),
    );
  }

  @Get(':number/reports/:period/attachments')
  @ApiPilotNumber()
  @ApiOperation({ summary: 'Các tệp kèm báo cáo tháng của mô hình' })
  @ApiOkResponse({ type: [AttachmentView] })
  @ApiErrors(404)
  list(
    @Param('number', pilotNumberPipe) pilotNumber: number,
    @Param('period', periodPipe) period: string,
  ): Promise<AttachmentView[]> {
    return this.attachments.list({ kind: 'report', pilotNumber, period });
  }
}

@ApiResource('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'Tải tệp đính kèm (tệp của kiến nghị, văn bản trả lời: mọi người dùng đã đăng nhập; tệp kèm báo cáo tháng: đơn vị chủ trì mô hình, thư ký, lãnh đạo, quản trị)',
  })
  @ApiProduces(...ACCEPTED_MIME_TYPES)
  @ApiOkResponse({
    description: 'Nội dung tệp, đúng từng byte như khi tải lên; ETag là SHA-256',
    content: Object.assign({}, ...ACCEPTED_MIME_TYPES.map(binaryContent)),
  })
  @ApiErrors([403, 'tệp kèm báo cáo của mô hình mà đơn vị mình không chủ trì'], 404)
  async download(
    @Param('id', uuidPipe) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await sendAttachment(req, reply, await this.attachments.download(actor, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Xóa tệp đính kèm (người được sửa đối tượng chứa nó)' })
  @ApiNoContentResponse({ description: 'Đã xóa' })
  @ApiErrors([403, 'không được sửa đối tượng chứa tệp'], 404, [409, 'kỳ báo cáo đã chốt'])
  async remove(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.attachments.remove(actor, id);
  }
}
