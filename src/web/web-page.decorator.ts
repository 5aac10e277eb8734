import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { WebExceptionFilter } from './web-exception.filter.js';
import { WebGuard } from './web-request.js';

/**
 * A controller of pages at the site's root: outside the API's documentation and its token
 * guard, behind the web session guard (which also checks forms' CSRF token), its errors
 * rendered as pages.
 */
export const WebPages = (): ClassDecorator =>
  applyDecorators(
    ApiExcludeController(),
    Public(),
    UseGuards(WebGuard),
    UseFilters(WebExceptionFilter),
    Controller(),
  );
