import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AgencyView } from '../../agencies/agency.view.js';
import type { Page } from '../../common/pagination.js';
import { UUID } from '../../common/uuid.pipe.js';
import type { UserView } from '../../users/user.view.js';
import {
  blankForm,
  formValues,
  integerField,
  one,
  type FormState,
  type FormValues,
} from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { pageNumberOf } from '../components/pagination.js';
import { WebPages } from '../web-page.decorator.js';
import { requireRole, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { accountBody, type AccountFormKey } from './account.view.js';
import { NOT_FOUND, refusedForm, settingsPage } from './settings-page.js';
import { USER_LABELS, USER_PAGE_SIZE, usersBody } from './users.view.js';

/** The accounts, for the administrator only: the list, a new account, and one account's forms. */
@WebPages()
export class UsersSettingsController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('cai-dat/nguoi-dung')
  async users(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, 'ADMIN');
    const values = formValues(query);
    return this.showUsers(web, reply, values, blankForm({ role: 'AGENCY_OFFICER' }), false);
  }

  @Post('cai-dat/nguoi-dung')
  async createUser(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, 'ADMIN');
    const values = formValues(body);
    const role = one(values, 'role');
    const agencyCode = one(values, 'agencyCode');
    const result = await web.api.post<UserView>('/users', {
      email: one(values, 'email'),
      name: one(values, 'name'),
      role,
      // Only officers belong to an agency: a choice left over from another role is dropped.
      ...(role === 'AGENCY_OFFICER' && agencyCode ? { agencyCode } : {}),
      password: one(values, 'password'),
    });
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã tạo tài khoản ${result.body.email} (${result.body.name}). Hãy gửi mật khẩu ban đầu cho người dùng qua kênh riêng.`,
      });
      return redirect(reply, '/cai-dat/nguoi-dung');
    }
    delete values.password; // never sent back to the browser
    const form = refusedForm(values, result.error, USER_LABELS);
    return this.showUsers(web, reply, {}, form, true, result.status);
  }

  private async showUsers(
    web: WebContext,
    reply: FastifyReply,
    query: FormValues,
    create: FormState,
    createOpen: boolean,
    status = 200,
  ): Promise<FastifyReply> {
    const filters = { role: one(query, 'role'), agency: one(query, 'agency') };
    const pageNumber = pageNumberOf(one(query, 'trang'));
    const [list, agencies] = await Promise.all([
      web.api.read<Page<UserView>>('/users', {
        ...filters,
        limit: USER_PAGE_SIZE,
        offset: (pageNumber - 1) * USER_PAGE_SIZE,
      }),
      this.allAgencies(web),
    ]);
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'nguoi-dung',
        title: 'Tài khoản người dùng',
        intro:
          'Tạo tài khoản, đổi vai trò và đơn vị, đặt lại mật khẩu hoặc khóa tài khoản. Mọi thay đổi được ghi nhật ký.',
        body: usersBody(web, { list, agencies, filters, pageNumber, create, createOpen }),
      }),
      status,
    );
  }

  @Get('cai-dat/nguoi-dung/:id')
  async user(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, 'ADMIN');
    if (!UUID.test(id)) throw new WebRefusal(404, NOT_FOUND);
    return this.showUser(web, reply, id);
  }

  @Post('cai-dat/nguoi-dung/:id')
  async updateUser(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, 'ADMIN');
    if (!UUID.test(id)) throw new WebRefusal(404, NOT_FOUND);
    const values = formValues(body);
    const key = (
      ['thong-tin', 'mat-khau', 'khoa'].includes(one(values, 'bieu-mau'))
        ? one(values, 'bieu-mau')
        : 'thong-tin'
    ) as AccountFormKey;
    const change: Record<string, unknown> = { version: integerField(one(values, 'version')) };
    if (key === 'thong-tin') {
      const role = one(values, 'role');
      change.name = one(values, 'name');
      change.role = role;
      change.agencyCode = role === 'AGENCY_OFFICER' ? one(values, 'agencyCode') || null : null;
    } else if (key === 'mat-khau') {
      change.password = one(values, 'password');
    } else {
      change.disabled = one(values, 'disabled') === 'true';
    }
    const result = await web.api.patch<UserView>(`/users/${id}`, change);
    if (result.ok) {
      const u = result.body;
      const text =
        key === 'mat-khau'
          ? `Đã đặt mật khẩu mới cho ${u.email}.`
          : key === 'khoa'
            ? u.disabled
              ? `Đã khóa tài khoản ${u.email}.`
              : `Đã mở khóa tài khoản ${u.email}.`
            : `Đã lưu thông tin tài khoản ${u.email}.`;
      await this.sessions.flash(web.session.id, { kind: 'ok', text });
      return redirect(reply, `/cai-dat/nguoi-dung/${id}`);
    }
    delete values.password;
    const form: FormState =
      result.error.code === 'VERSION_CONFLICT'
        ? { values: {}, errors: {}, message: result.error.message }
        : refusedForm(values, result.error, USER_LABELS);
    return this.showUser(web, reply, id, { key, form }, result.status);
  }

  private async showUser(
    web: WebContext,
    reply: FastifyReply,
    id: string,
    failed?: { key: AccountFormKey; form: FormState },
    status = 200,
  ): Promise<FastifyReply> {
    const [user, agencies] = await Promise.all([
      web.api.read<UserView>(`/users/${id}`),
      this.allAgencies(web),
    ]);
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'nguoi-dung',
        title: user.name,
        body: accountBody(web, { user, agencies, failed }),
      }),
      status,
    );
  }

  private async allAgencies(web: WebContext): Promise<AgencyView[]> {
    const all = await web.api.readAll<AgencyView>('/agencies');
    return all.sort((a, b) => (a.shortName || a.name).localeCompare(b.shortName || b.name, 'vi'));
  }
}
