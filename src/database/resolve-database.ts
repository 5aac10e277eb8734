import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { redacted } from '../common/redacted-url.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export const EMBEDDED_DATABASE = 'pilot_tracker';

export interface ResolvedDatabase {
  url: string;
  description: string;
  embedded?: EmbeddedPostgres;
}

/** DATABASE_URL when given; otherwise an embedded PostgreSQL under DATA_DIR/pg. */
export async function resolveDatabase(
  config: AppConfig,
  log: (message: string) => void,
  serverLog: (message: string) => void = () => undefined,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      description: `PostgreSQL at ${redacted(config.databaseUrl)}`,
    };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: join(config.dataDir, 'pg'),
    database: EMBEDDED_DATABASE,
    log,
    serverLog,
  });
  return {
    url: embedded.url,
    embedded,
    description: `embedded PostgreSQL 18 in ${embedded.clusterDir} (127.0.0.1:${embedded.port})`,
  };
}
