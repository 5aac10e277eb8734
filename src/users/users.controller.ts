import { ApiErrors } from '../common/api-errors.js';
import { Body, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import type { Page } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { UserAdminService } from './user-admin.service.js';
import { UserReadService } from './user-read.service.js';
import { UserQuery } from './user.query.js';
import { UserPage, UserView } from './user.view.js';
import { CreateUserDto, UpdateUserDto } from './users.dto.js';
import { ApiResource } from '../common/api-resource.js';

/** Account administration: ADMIN only, every other role gets 403 FORBIDDEN. */
@ApiResource('users', { errors: [400, 401, [403, 'chỉ quản trị (ADMIN)']] })
export class UsersController {
  constructor(
    private readonly reads: UserReadService,
    private readonly admin: UserAdminService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách tài khoản (lọc theo vai trò, cơ quan)' })
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: UserQuery, @CurrentActor() actor: Actor): Promise<Page<UserView>> {
    return this.reads.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một tài khoản' })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(404)
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.reads.get(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Tạo tài khoản (mật khẩu từ 12 ký tự, lưu bằng argon2id)' })
  @ApiCreatedResponse({ type: UserView, description: 'Tài khoản vừa tạo' })
  @ApiErrors([409, 'CONFLICT: email đã có'], 413)
  create(@Body() body: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.admin.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa tên, vai trò, cơ quan, mật khẩu; khóa hoặc mở tài khoản' })
  @ApiOkResponse({ type: UserView, description: 'Tài khoản sau khi sửa' })
  @ApiErrors(404, [409, 'VERSION_CONFLICT; CONFLICT khi tự khóa hoặc tự bỏ quyền quản trị'], 413)
  update(
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentActor() actor: Actor,
  ): Promise<UserView> {
    return this.admin.update(actor, id, body);
  }
}
