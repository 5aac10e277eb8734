import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule, type Runtime } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { createLogger } from './logging.js';
import { WEB_PATHS } from './web/web.module.js';

export const API_PREFIX = 'api/v1';

/** The web interface lives at the site's root; everything else is the API under /api/v1. */
export function routeApiUnderPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['/', ...WEB_PATHS.flatMap((p) => [p, `${p}/*path`])],
  });
}

/**
 * The OpenAPI document of the API, as /api/docs-json serves it and as the web's typed client is
 * generated from (`npm run openapi`, checked by `npm run lint`). The app's routes must already
 * be under the API prefix (routeApiUnderPrefix).
 */
export function describeApi(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Đề án 06 — theo dõi mô hình điểm tỉnh Khánh Hòa')
      .setDescription(
        'Mô hình điểm, vướng mắc, kiến nghị gửi Trung ương và đôn đốc trả lời. ' +
          'Lỗi luôn có dạng { statusCode, code, message, details? }.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/**
 * The same document without a database, a queue or mail: Nest's preview mode builds the module
 * graph and its routes but instantiates no provider. Needs compiled JavaScript (decorator
 * metadata), which tsx and esbuild do not emit.
 */
export async function openApiDocument(): Promise<OpenAPIObject> {
  const runtime: Runtime = {
    config: loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: '/nonexistent',
    }),
    databaseUrl: 'postgres://preview@127.0.0.1:1/preview',
    queueBackend: {
      kind: 'postgres',
      factory: undefined,
      connection: {},
      description: 'none (preview)',
    },
    mail: { description: 'none (preview)', send: () => Promise.resolve(), close: () => {} },
    logger: createLogger('silent'),
  };
  const app = await NestFactory.create(AppModule.forRoot(runtime), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    routeApiUnderPrefix(app);
    return describeApi(app);
  } finally {
    await app.close();
  }
}
