import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService, type LoginResult } from './auth.service.js';
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
  @ApiOkResponse({ description: '{ accessToken, user: { id, email, name, role, agencyCode } }' })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({
    description: 'TOO_MANY_REQUESTS: quá nhiều lần sai (theo tài khoản hoặc địa chỉ); Retry-After',
  })
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
