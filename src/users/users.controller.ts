import { ApiErrors, WRITE_ERRORS } from '../common/api-errors.js';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { assertRole, CurrentActor, type Actor } from '../auth/actor.js';
import { pageOf, type Page } from '../common/pagination.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { UserAccounts } from './user-accounts.js';
import { User } from './user.entity.js';
import { toUserView, type UserView } from './user.view.js';
import { CreateUserDto, UpdateUserDto, UserQuery } from './users.dto.js';

/** Account administration: ADMIN only, every other role gets 403 FORBIDDEN. */
@ApiTags('users')
@ApiBearerAuth()
@ApiErrors(...WRITE_ERRORS)
@ApiForbiddenResponse({ description: 'FORBIDDEN: chỉ quản trị (ADMIN)' })
@Controller('users')
export class UsersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: UserAccounts,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Danh sách tài khoản (lọc theo vai trò, cơ quan)' })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  async list(@Query() query: UserQuery, @CurrentActor() actor: Actor): Promise<Page<UserView>> {
    assertRole(actor, 'ADMIN');
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.agency', 'agency')
      .orderBy('u.email', 'ASC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0);
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.agency) qb.andWhere('agency.code = :agency', { agency: query.agency });
    const [rows, total] = await qb.getManyAndCount();
    return pageOf(
      rows.map((u) => toUserView(u)),
      total,
      query,
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một tài khoản' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND' })
  get(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<UserView> {
    assertRole(actor, 'ADMIN');
    return this.accounts.view(this.dataSource.manager, id);
  }

  @Post()
  @ApiOperation({ summary: 'Tạo tài khoản (mật khẩu từ 12 ký tự, lưu bằng argon2id)' })
  @ApiCreatedResponse({ description: 'Tài khoản vừa tạo' })
  @ApiConflictResponse({ description: 'CONFLICT: email đã có' })
  create(@Body() body: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    assertRole(actor, 'ADMIN');
    return this.dataSource.transaction((m) => this.accounts.create(m, actor, body));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Sửa tên, vai trò, cơ quan, mật khẩu; khóa hoặc mở tài khoản' })
  @ApiOkResponse({ description: 'Tài khoản sau khi sửa' })
  @ApiConflictResponse({
    description: 'VERSION_CONFLICT; CONFLICT khi tự khóa hoặc tự bỏ quyền quản trị',
  })
  update(
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentActor() actor: Actor,
  ): Promise<UserView> {
    assertRole(actor, 'ADMIN');
    return this.dataSource.transaction((m) => this.accounts.update(m, actor, id, body));
  }
}
