import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, EnvironmentVariables, parseEnvironment } from './environment.js';

export type AppRole = 'api' | 'worker' | 'all';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  /** Absent: the service runs an embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  /** Absent: BullMQ runs on its PostgreSQL backend in the same database. */
  redisUrl?: string;
  /** Key prefix of the queues in Redis, so deployments can share one server. */
  redisPrefix?: string;
  /** Absent: mail is written as .eml files under `dataDir/mail`. */
  smtpUrl?: string;
  mailFrom: string;
  /** The address users open (no trailing slash): links in mail point under it. */
  appUrl: string;
  dataDir: string;
  role: AppRole;
  jwtSecret: string;
  jwtExpiresIn: string;
  seedDemo: boolean;
  demoPassword: string;
  logLevel: string;
  /** Which X-Forwarded-For hops to believe for the client address (login throttling, logs). */
  trustProxy: boolean | number | string[];
  /** How long a sender's claim on a mail protects it; past it the sender is taken as crashed. */
  mailLeaseSeconds: number;
  /** The largest document a user may upload (letters' and answers' PDFs, report attachments). */
  attachmentMaxBytes: number;
  /** How long a worker holds a job before BullMQ takes it as stalled (its process died). */
  queueLockMs: number;
  /** Transient mail failures are retried, backing off from this delay, for `mailRetryHours`. */
  mailRetryFirstSeconds: number;
  mailRetryHours: number;
  /**
   * How long a reminder waits after it is written before it is mailed, so that the rows of a wave
   * (first start, a catch-up, a Monday) are all written before the first job of a recipient claims
   * them: each recipient then gets one mail for the wave. The window slides: a recipient's mail
   * goes once none of its reminders was written in the last window (at most 30 windows, or 30
   * seconds if that is longer). A quarter of a second by default (fractions allowed): with batch
   * firing's catch-up (escalationCatchUp, on by default) the few batches that start with a wave's
   * first jobs write a thousand steps within about 0.3 s; without it, a second is safer.
   */
  mailGatherSeconds: number;
  /**
   * At most this many reminders in one combined mail (200 by default): a wave of thousands goes
   * to a recipient as several mails of this size rather than one mail of megabytes that a mail
   * server may refuse and nobody reads to the end. Each mail lists its reminders, most overdue of
   * its share first; every reminder is in exactly one.
   */
  mailBatchMaxLetters: number;
  /** How often the workers rebuild the queue from the database (and check their schedules). */
  reconcileEverySeconds: number;
  /**
   * Batch firing's catch-up (EscalationFiring): after a batch that recorded a step commits, a
   * transaction of its own decides the other steps already due, so the first jobs of a wave
   * decide the whole wave. On unless ESCALATION_CATCH_UP=0: each step is then decided by its
   * own job (measured by npm run bench:escalation: 1,000 steps due at once fire with p99 lateness
   * 0.29 s against a bare worker's 1.5 s with it, 5 s without).
   */
  escalationCatchUp: boolean;
  /**
   * How many child processes render documents (the monthly report's .docx and .xlsx) off the
   * API's event loop; 0 renders them in the API process itself.
   */
  documentWorkers: number;
  /** Bearer token of GET /metrics; absent, the metrics are off (nothing collected, no endpoint). */
  metricsToken?: string;
  /** Serve /metrics on this port of its own instead of PORT (the only way for a worker). */
  metricsPort?: number;
  /** At most this many connections in the process's TypeORM pool (requests and jobs). */
  databasePoolMax: number;
  /**
   * How long a request waits for one of them (or for a new one to open) before it is answered
   * 503 with Retry-After.
   */
  databasePoolTimeoutMs: number;
  /**
   * BullMQ on PostgreSQL: one pool for every queue and worker of the process, their LISTEN
   * connections (one per worker) included. Unused with Redis.
   */
  queuePoolMax: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** PostgreSQL connections per process unless DATABASE_POOL_MAX / QUEUE_POOL_MAX say otherwise. */
export const DEFAULT_POOLS = {
  databasePoolMax: 10,
  databasePoolTimeoutMs: 5000,
  queuePoolMax: 8,
} as const;
export const DEFAULT_DEMO_PASSWORD = 'demo-pilot-06';

/**
 * Reads and validates the environment. Throws a ConfigError naming every bad variable;
 * outside production a missing JWT_SECRET is generated once and kept in DATA_DIR.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars: EnvironmentVariables = parseEnvironment(env);
  const nodeEnv = (vars.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  const isProduction = nodeEnv === 'production';
  const problems: string[] = [];

  if (isProduction && !vars.JWT_SECRET) {
    problems.push('JWT_SECRET is required when NODE_ENV=production (at least 32 characters)');
  }
  if (isProduction && vars.SEED_DEMO === 'true') {
    problems.push(
      'SEED_DEMO cannot be true when NODE_ENV=production: demo accounts never exist in production',
    );
  }
  if (isProduction && vars.DEMO_PASSWORD) {
    problems.push('DEMO_PASSWORD must not be set when NODE_ENV=production');
  }
  if (vars.METRICS_PORT !== undefined && vars.METRICS_PORT === (vars.PORT ?? 3000)) {
    problems.push('METRICS_PORT must differ from PORT');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(vars.DATA_DIR ?? './.data');
  return {
    nodeEnv,
    isProduction,
    port: vars.PORT ?? 3000,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    redisPrefix: vars.REDIS_PREFIX,
    smtpUrl: vars.SMTP_URL,
    mailFrom: vars.MAIL_FROM ?? 'Tổ công tác Đề án 06 tỉnh Khánh Hòa <de-an-06@localhost>',
    appUrl: (vars.APP_URL ?? `http://localhost:${vars.PORT ?? 3000}`).replace(/\/+$/, ''),
    dataDir,
    role: (vars.APP_ROLE ?? 'all') as AppRole,
    jwtSecret: vars.JWT_SECRET ?? localJwtSecret(dataDir),
    jwtExpiresIn: vars.JWT_EXPIRES_IN ?? '8h',
    seedDemo: isProduction ? false : vars.SEED_DEMO !== 'false',
    demoPassword: vars.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    logLevel: vars.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    mailLeaseSeconds: vars.MAIL_LEASE_SECONDS ?? 300,
    attachmentMaxBytes: (vars.ATTACHMENT_MAX_MB ?? 20) * 1024 * 1024,
    queueLockMs: vars.QUEUE_LOCK_MS ?? 30_000,
    mailRetryFirstSeconds: vars.MAIL_RETRY_FIRST_SECONDS ?? 30,
    mailRetryHours: vars.MAIL_RETRY_HOURS ?? 24,
    mailGatherSeconds: vars.MAIL_GATHER_SECONDS ?? 0.25,
    mailBatchMaxLetters: vars.MAIL_BATCH_MAX_LETTERS ?? 200,
    reconcileEverySeconds: vars.RECONCILE_EVERY_SECONDS ?? 300,
    escalationCatchUp: vars.ESCALATION_CATCH_UP !== '0',
    documentWorkers: vars.DOCUMENT_WORKERS ?? 1,
    metricsToken: vars.METRICS_TOKEN,
    metricsPort: vars.METRICS_PORT,
    databasePoolMax: vars.DATABASE_POOL_MAX ?? DEFAULT_POOLS.databasePoolMax,
    databasePoolTimeoutMs: vars.DATABASE_POOL_TIMEOUT_MS ?? DEFAULT_POOLS.databasePoolTimeoutMs,
    queuePoolMax: vars.QUEUE_POOL_MAX ?? DEFAULT_POOLS.queuePoolMax,
  };
}

/** A development secret generated on first start and kept, so tokens survive restarts. */
function localJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

function parseTrustProxy(value: string | undefined): AppConfig['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^[0-9]+$/.test(value)) return Number(value);
  return value.split(',');
}
