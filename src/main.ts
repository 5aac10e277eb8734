import 'reflect-metadata';
import { ConfigError } from './config/environment.js';
import { loadConfig, type AppConfig } from './config/app-config.js';
import { createLogger } from './logging.js';
import { startService } from './service.js';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const startedAt = process.hrtime.bigint();
  const service = await startService(config, logger);
  const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
  logger.info(
    {
      context: 'Startup',
      startupMs: Math.round(ms),
      phases: service.phases,
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    },
    `ready in ${Math.round(ms)} ms`,
  );

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ context: 'Shutdown' }, `${signal} received: finishing running jobs and stopping`);
    const force = setTimeout(() => {
      logger.error({ context: 'Shutdown' }, 'shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    service.stop().then(
      () => {
        logger.info({ context: 'Shutdown' }, 'stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ context: 'Shutdown', err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
