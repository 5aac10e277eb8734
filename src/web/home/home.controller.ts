import { Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Role } from '../../access/domain/role.js';
import { Clock } from '../../common/clock.js';
import { html } from '../../common/html.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { agencyDues } from './agency-dues.js';
import { queueBody } from './home.view.js';
import { secretariatQueue } from './secretariat-queue.js';

/** The page "Việc cần làm", home of the secretariat and of agency officers. */
export const HOME_PATH = '/viec-can-lam';

/**
 * Where each role lands after sign-in (and at "/"): the secretariat and officers on what waits
 * for them, leadership on the overview, the admin on the board. A role literal on purpose: this
 * is a landing page, not a permission (src/access/domain/permissions.ts), and every page it
 * leads to is open to the role.
 */
export function homePath(role: Role): string {
  switch (role) {
    case 'SECRETARIAT':
    case 'AGENCY_OFFICER':
      return HOME_PATH;
    case 'LEADERSHIP':
      return '/tong-quan';
    case 'ADMIN':
      return '/mo-hinh';
  }
}

@WebPages()
export class HomeController {
  constructor(private readonly clock: Clock) {}

  @Get('viec-can-lam')
  async home(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const role = web.actor.role;
    if (homePath(role) !== HOME_PATH) return redirect(reply, homePath(role));
    const now = this.clock.now();
    const secretariat = role === 'SECRETARIAT';
    const sections = secretariat ? await secretariatQueue(web, now) : await agencyDues(web, now);
    return sendHtml(
      reply,
      page(web, {
        title: 'Việc cần làm',
        active: 'home',
        body: queueBody({
          heading: 'Việc cần làm',
          intro: secretariat
            ? html`Những việc đang chờ Thư ký Tổ công tác: kiến nghị quá hạn và sắp đến hạn, văn bản
              trả lời cần xem, đề nghị gửi kiến nghị, kỳ báo cáo còn thiếu.`
            : html`Những việc
              ${web.actor.agencyCode ? html`của đơn vị <strong>${web.actor.agencyCode}</strong>` : 'của đơn vị'}
              còn phải làm: báo cáo tháng, số liệu chỉ số, vướng mắc của các mô hình đơn vị chủ trì,
              kiến nghị quá hạn.`,
          sections,
        }),
      }),
    );
  }
}
