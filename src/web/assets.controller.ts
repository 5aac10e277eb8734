import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { asset } from './assets.js';

@ApiExcludeController()
@Public()
@Controller('static')
export class AssetsController {
  @Get(':name')
  serve(
    @Param('name') name: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    const found = asset(name);
    if (!found) {
      return reply
        .status(404)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('Không có tệp này.');
    }
    void reply
      .header('etag', found.etag)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff');
    if (ifNoneMatch === found.etag) return reply.status(304).send();
    return reply.status(200).header('content-type', found.type).send(found.body);
  }
}
