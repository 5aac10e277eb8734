import { Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { redirect } from '../components/layout.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, type WebContext } from '../web-request.js';
import { FIRST_TAB } from './settings-page.js';

/** The settings area's own address leads to its first section. */
@WebPages()
export class SettingsHomeController {
  @Get('cai-dat')
  home(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    requirePermission(web, 'settings.view');
    return redirect(reply, `/cai-dat/${FIRST_TAB}`);
  }
}
