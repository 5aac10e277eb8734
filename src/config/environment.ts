import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** An optional whole number from `min` to `max`; the message names the variable. */
function IntegerVariable(name: string, min: number, max: number) {
  const message = `${name} must be an integer between ${min} and ${max}`;
  return applyDecorators(
    IsOptional(),
    Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value))),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  );
}

/** An optional number from `min` to `max`, fractions allowed (0.25); the message names the variable. */
function DecimalVariable(name: string, min: number, max: number) {
  const message = `${name} must be a number between ${min} and ${max}`;
  return applyDecorators(
    IsOptional(),
    Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value))),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message }),
    Min(min, { message }),
    Max(max, { message }),
  );
}

/**
 * The process environment as the service reads it. Each property is named after its
 * variable so that a validation message names the variable to fix.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'], {
    message: 'NODE_ENV must be one of: development, production, test',
  })
  NODE_ENV?: string;

  @IntegerVariable('PORT', 1, 65535)
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, {
    message: 'REDIS_PREFIX must be 1–32 letters, digits, - or _',
  })
  REDIS_PREFIX?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @Matches(/^(.*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'MAIL_FROM must be an address such as "Tổ công tác Đề án 06 <noreply@example.org>"',
  })
  MAIL_FROM?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'APP_URL must be the address users open, such as https://de-an-06.khanhhoa.gov.vn',
  })
  APP_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString({ message: 'DATA_DIR must be a directory path' })
  DATA_DIR?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['api', 'worker', 'all'], { message: 'APP_ROLE must be one of: api, worker, all' })
  APP_ROLE?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 15m, 8h or 1d' })
  JWT_EXPIRES_IN?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsBooleanString({ message: 'SEED_DEMO must be true or false' })
  SEED_DEMO?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @MinLength(8, { message: 'DEMO_PASSWORD must be at least 8 characters long' })
  DEMO_PASSWORD?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^(true|false|[1-9][0-9]?|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
    message:
      'TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of proxy addresses',
  })
  TRUST_PROXY?: string;

  @IntegerVariable('MAIL_LEASE_SECONDS', 1, 3600)
  MAIL_LEASE_SECONDS?: number;

  @IntegerVariable('ATTACHMENT_MAX_MB', 1, 200)
  ATTACHMENT_MAX_MB?: number;

  @IntegerVariable('QUEUE_LOCK_MS', 1000, 600_000)
  QUEUE_LOCK_MS?: number;

  @IntegerVariable('MAIL_RETRY_HOURS', 1, 168)
  MAIL_RETRY_HOURS?: number;

  @IntegerVariable('MAIL_RETRY_FIRST_SECONDS', 1, 3600)
  MAIL_RETRY_FIRST_SECONDS?: number;

  @IntegerVariable('RECONCILE_EVERY_SECONDS', 1, 3600)
  RECONCILE_EVERY_SECONDS?: number;

  @DecimalVariable('MAIL_GATHER_SECONDS', 0, 3600)
  MAIL_GATHER_SECONDS?: number;

  @IntegerVariable('MAIL_BATCH_MAX_LETTERS', 1, 2000)
  MAIL_BATCH_MAX_LETTERS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['0', '1'], { message: 'ESCALATION_CATCH_UP must be 0 or 1' })
  ESCALATION_CATCH_UP?: string;

  @IntegerVariable('DOCUMENT_WORKERS', 0, 8)
  DOCUMENT_WORKERS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters long' })
  METRICS_TOKEN?: string;

  @IntegerVariable('METRICS_PORT', 1, 65535)
  METRICS_PORT?: number;

  @IntegerVariable('DATABASE_POOL_MAX', 1, 100)
  DATABASE_POOL_MAX?: number;

  @IntegerVariable('DATABASE_POOL_TIMEOUT_MS', 100, 60_000)
  DATABASE_POOL_TIMEOUT_MS?: number;

  @IntegerVariable('QUEUE_POOL_MAX', 3, 100)
  QUEUE_POOL_MAX?: number;

  /** Outside production only: argon2id's memory in KiB (src/users/password.ts); tests lower it. */
  @IntegerVariable('PASSWORD_HASH_MEMORY_KIB', 8, 19_456)
  PASSWORD_HASH_MEMORY_KIB?: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const parsed = plainToInstance(EnvironmentVariables, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError([...new Set(errors.flatMap((e) => Object.values(e.constraints ?? {})))]);
  }
  return parsed;
}
