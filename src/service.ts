import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pino from 'pino';
import type { AppConfig } from './config/app-config.js';
import { resolveDatabase, type ResolvedDatabase } from './database/resolve-database.js';

export interface RunningService {
  app: NestFastifyApplication | INestApplicationContext;
  database: ResolvedDatabase;
  /** When each step of the start finished, in ms since the process started (the start-up log). */
  phases: Record<string, number>;
  /** Closes the application (letting running jobs finish), then the embedded database. */
  stop(): Promise<void>;
}

/**
 * The rest of the application — TypeORM and the entities, BullMQ, Nest and every module —, loaded
 * while the embedded PostgreSQL starts: loading it is most of a restart's time (seconds of
 * compiling on a small machine), and the database server starts meanwhile in a process of its own.
 */
const loadApplication = () =>
  Promise.all([
    import('./database/prepare-database.js'),
    import('./queue/queue-backend.js'),
    import('./notifications/mail-transport.js'),
    import('./http-app.js'),
  ]);

/**
 * Starts the service for its role: database (embedded when no DATABASE_URL), migrations and
 * reference data beside the queue backend (its schema migrated first), mail, then Nest.
 */
export async function startService(
  config: AppConfig,
  logger: pino.Logger,
): Promise<RunningService> {
  const log = logger.child({ context: 'Startup' });
  const phases: Record<string, number> = { main: since() };
  const timed = <T>(name: string, step: Promise<T>) =>
    step.then((value) => {
      phases[name] = since();
      return value;
    });
  const [resolved, modules] = await Promise.allSettled([
    timed(
      'database',
      resolveDatabase(
        config,
        (m) => log.info(m),
        (m) => logger.debug({ context: 'PostgreSQL' }, m),
      ),
    ),
    timed('modules', loadApplication()),
  ]);
  if (resolved.status === 'rejected') throw resolved.reason;
  const database = resolved.value;
  let closeQueueBackend: (() => Promise<void>) | undefined;
  try {
    if (modules.status === 'rejected') throw modules.reason;
    const [{ prepareDatabase }, { prepareQueueBackend }, { createMailTransport }, apps] =
      modules.value;
    // Our schema and BullMQ's are independent: both are brought up to date at once.
    const [prepared, queueBackend] = await Promise.all([
      timed('prepared', prepareDatabase(database.url, config)),
      timed(
        'queueBackend',
        prepareQueueBackend(
          { redisUrl: config.redisUrl, databaseUrl: database.url, redisPrefix: config.redisPrefix },
          { info: (m) => log.info(m), warn: (m) => log.warn(m) },
          { poolMax: config.queuePoolMax },
        ),
      ),
    ]);
    closeQueueBackend = queueBackend.close;
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
    const mail = createMailTransport(config);
    log.info(`database: ${database.description}`);
    log.info(`queue backend: BullMQ on ${queueBackend.description}`);
    log.info(`mail: ${mail.description}`);

    const runtime = { config, databaseUrl: database.url, queueBackend, mail, logger };
    let app: NestFastifyApplication | INestApplicationContext;
    if (config.role === 'worker') {
      app = await apps.createWorkerApp(runtime);
      phases.nest = since();
      log.info(`role "worker": processing jobs`);
    } else {
      const web = await apps.createHttpApp(runtime);
      phases.nest = since();
      await web.listen({ port: config.port, host: '0.0.0.0' });
      phases.listening = since();
      app = web;
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
      phases,
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          await queueBackend.close?.();
          await database.embedded?.stop();
        })()),
    };
  } catch (error) {
    // Not awaited: a worker that started may still hold one of its connections.
    void closeQueueBackend?.().catch(() => undefined);
    await database.embedded?.stop();
    throw error;
  }
}

/** Milliseconds since the process started. */
const since = () => Math.round(performance.now());
