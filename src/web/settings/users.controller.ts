import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UUID } from '../../common/uuid.pipe.js';
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
import { apiResult, read, readAll, unchecked, type Schemas } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { ACCOUNT_FORMS, accountBody, type AccountFormKey } from './account.view.js';
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
    requirePermission(web, 'users.manage');
    const values = formValues(query);
    return this.showUsers(web, reply, values, blankForm({ role: 'AGENCY_OFFICER' }), false);
  }

  @Post('cai-dat/nguoi-dung')
  async createUser(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'users.manage');
    const values = formValues(body);
    const role = one(values, 'role');
    const agencyCode = one(values, 'agencyCode');
    const result = await apiResult(
      web.api.POST('/api/v1/users', {
        body: {
          email: one(values, 'email'),
          name: one(values, 'name'),
          role: unchecked(role),
          // Only officers belong to an agency: a choice left over from another role is dropped.
          ...(role === 'AGENCY_OFFICER' && agencyCode ? { agencyCode } : {}),
          password: one(values, 'password'),
        },
      }),
    );
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
      read(
        web.api.GET('/api/v1/users', {
          params: {
            query: {
              role: unchecked(filters.role),
              agency: filters.agency,
              limit: USER_PAGE_SIZE,
              offset: (pageNumber - 1) * USER_PAGE_SIZE,
            },
          },
        }),
      ),
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
    requirePermission(web, 'users.manage');
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
    requirePermission(web, 'users.manage');
    if (!UUID.test(id)) throw new WebRefusal(404, NOT_FOUND);
    const values = formValues(body);
    const key: AccountFormKey =
      ACCOUNT_FORMS.find((form) => form === one(values, 'bieu-mau')) ?? 'thong-tin';
    const version = unchecked(integerField(one(values, 'version')));
    const role = one(values, 'role');
    const change: Schemas['UpdateUserDto'] =
      key === 'thong-tin'
        ? {
            version,
            name: one(values, 'name'),
            role: unchecked(role),
            agencyCode: role === 'AGENCY_OFFICER' ? one(values, 'agencyCode') || null : null,
          }
        : key === 'mat-khau'
          ? { version, password: one(values, 'password') }
          : { version, disabled: one(values, 'disabled') === 'true' };
    const result = await apiResult(
      web.api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: change }),
    );
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
      read(web.api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
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

  private async allAgencies(web: WebContext): Promise<Schemas['AgencyView'][]> {
    const all = await readAll((page) =>
      web.api.GET('/api/v1/agencies', { params: { query: page } }),
    );
    return all.sort((a, b) => (a.shortName || a.name).localeCompare(b.shortName || b.name, 'vi'));
  }
}
