import type { IncomingMessage } from 'node:http';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, siteExceptionFilter, type Runtime } from './app.module.js';
import { answerClientError, frameworkErrorsThrough } from './common/framework-errors.js';
import { depthLimitedJsonParser } from './common/json-body.js';
import { createValidationPipe } from './common/validation.js';
import { requestId } from './logging.js';
import { describeApi, routeApiUnderPrefix } from './openapi.js';
import { registerQueueDashboard } from './web/queue-dashboard.js';

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
  // Documents arrive as multipart/form-data; each upload sets its own file-size limit.
  await app.register(fastifyMultipart as never, {
    limits: { files: 1, fields: 10, parts: 11, fieldSize: 64 * 1024, headerPairs: 100 },
  });
  routeApiUnderPrefix(app);
  // Nesting is bounded before anything recurses over a body (class-transformer overflowed its
  // stack at 5,000 levels, before sign-in).
  app.useBodyParser(
    'application/json',
    { bodyLimit: BODY_LIMIT_BYTES },
    depthLimitedJsonParser(app.getHttpAdapter().getInstance()),
  );
  app.useGlobalPipes(createValidationPipe());
  // Built on the first request for it, not at every start.
  SwaggerModule.setup('api/docs', app, () => describeApi(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
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
