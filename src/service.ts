import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pino from 'pino';
import type { AppConfig } from './config/app-config.js';
import { prepareDatabase } from './database/prepare-database.js';
import { resolveDatabase, type ResolvedDatabase } from './database/resolve-database.js';
import { createHttpApp, createWorkerApp } from './http-app.js';
import { createMailTransport } from './notifications/mail-transport.js';
import { prepareQueueBackend } from './queue/queue-backend.js';

export interface RunningService {
  app: NestFastifyApplication | INestApplicationContext;
  database: ResolvedDatabase;
  /** Closes the application (letting running jobs finish), then the embedded database. */
  stop(): Promise<void>;
}

/**
 * Starts the service for its role: database (embedded when no DATABASE_URL), migrations and
 * reference data, the queue backend (its schema migrated first), mail, then Nest.
 */
export async function startService(
  config: AppConfig,
  logger: pino.Logger,
): Promise<RunningService> {
  const log = logger.child({ context: 'Startup' });
  const database = await resolveDatabase(
    config,
    (m) => log.info(m),
    (m) => logger.debug({ context: 'PostgreSQL' }, m),
  );
  try {
    const prepared = await prepareDatabase(database.url, config);
    if (prepared.migrationsApplied.length > 0)
      log.info(`migrations applied: ${prepared.migrationsApplied.join(', ')}`);
    const { calendar } = prepared;
    if (calendar.from !== calendar.to || calendar.added > 0)
      log.info(
        `official calendar adjustments v${calendar.to} (database had v${calendar.from}): ` +
          `${calendar.added} added, ${calendar.updated} corrected, ${calendar.removed} removed`,
      );
    const { loaded } = prepared;
    if (Object.values(loaded).some((n) => n > 0)) {
      log.info(
        `December 2023 report loaded: ${loaded.agencies} agencies, ${loaded.pilots} pilots, ` +
          `${loaded.reports} reports, ${loaded.blockers} blockers, ${loaded.recommendations} recommendations`,
      );
    }
    const queueBackend = await prepareQueueBackend(
      { redisUrl: config.redisUrl, databaseUrl: database.url, redisPrefix: config.redisPrefix },
      { info: (m) => log.info(m), warn: (m) => log.warn(m) },
    );
    const mail = createMailTransport(config);
    log.info(`database: ${database.description}`);
    log.info(`queue backend: BullMQ on ${queueBackend.description}`);
    log.info(`mail: ${mail.description}`);

    const runtime = { config, databaseUrl: database.url, queueBackend, mail, logger };
    let app: NestFastifyApplication | INestApplicationContext;
    if (config.role === 'worker') {
      app = await createWorkerApp(runtime);
      log.info(`role "worker": processing jobs`);
    } else {
      const http = await createHttpApp(runtime);
      await http.listen({ port: config.port, host: '0.0.0.0' });
      app = http;
      log.info(
        `role "${config.role}": web interface on http://localhost:${config.port}/, API on http://localhost:${config.port}/api/v1, docs on http://localhost:${config.port}/api/docs`,
      );
    }
    if (config.seedDemo) {
      log.info(
        `demo accounts (password "${config.demoPassword}"): admin@demo.example, thuky@demo.example, ` +
          `lanhdao@demo.example, syt@demo.example and one per lead agency`,
      );
    }
    let stopping: Promise<void> | undefined;
    return {
      app,
      database,
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          await database.embedded?.stop();
        })()),
    };
  } catch (error) {
    await database.embedded?.stop();
    throw error;
  }
}
