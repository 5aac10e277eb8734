import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, siteExceptionFilter, type Runtime } from './app.module.js';
import { answerClientError, frameworkErrorsThrough } from './common/framework-errors.js';
import { depthLimitedJsonParser } from './common/json-body.js';
import { createValidationPipe } from './common/validation.js';
import { requestId } from './logging.js';
import { registerQueueDashboard } from './web/queue-dashboard.js';
import { WEB_PATHS } from './web/web.module.js';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The HTTP application, as `npm start` and the end-to-end tests run it. */
export async function createHttpApp(runtime: Runtime): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(runtime),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      // Fastify also takes a hop count, which this adapter's type omits.
      trustProxy: runtime.config.trustProxy as boolean | string[],
      genReqId: (req: { headers: IncomingMessage['headers'] }) => requestId(req),
      // What the router or Node refuse before Nest sees it (`/%`, a 70,000-character URL) is
      // answered like every other refusal.
      frameworkErrors: frameworkErrorsThrough(siteExceptionFilter()),
      clientErrorHandler: answerClientError,
    }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      void reply.header('x-request-id', request.id);
    });
  // The web interface lives at the site's root; everything else is the API under /api/v1.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['/', ...WEB_PATHS.flatMap((p) => [p, `${p}/*path`])],
  });
  // Nesting is bounded before anything recurses over a body (class-transformer overflowed its
  // stack at 5,000 levels, before sign-in).
  app.useBodyParser(
    'application/json',
    { bodyLimit: BODY_LIMIT_BYTES },
    depthLimitedJsonParser(app.getHttpAdapter().getInstance()),
  );
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await registerQueueDashboard(app);
  await app.init();
  return app;
}

/** A process without HTTP: the worker role. */
export async function createWorkerApp(runtime: Runtime) {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(runtime), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
