import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors } from '../common/api-errors.js';
import { AuthService } from './auth.service.js';
import { LoginResult } from './auth.view.js';
import { LoginThrottledError } from './login-throttle.js';
import { LoginDto } from './login.dto.js';
import { Public } from './public.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng nhập: đổi email và mật khẩu lấy access token (JWT)' })
  @ApiOkResponse({ type: LoginResult })
  @ApiErrors(400, [401, 'INVALID_CREDENTIALS: sai email hoặc mật khẩu'], 413, [
    429,
    'quá nhiều lần sai (theo tài khoản hoặc địa chỉ)',
  ])
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResult> {
    try {
      return await this.auth.login(body.email, body.password, request.ip);
    } catch (error) {
      // The exception filter keeps headers already set on the reply.
      if (error instanceof LoginThrottledError)
        void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
