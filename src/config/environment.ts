import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
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

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
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

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'MAIL_LEASE_SECONDS must be an integer between 1 and 3600' })
  @Min(1, { message: 'MAIL_LEASE_SECONDS must be an integer between 1 and 3600' })
  @Max(3600, { message: 'MAIL_LEASE_SECONDS must be an integer between 1 and 3600' })
  MAIL_LEASE_SECONDS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'QUEUE_LOCK_MS must be an integer between 1000 and 600000' })
  @Min(1000, { message: 'QUEUE_LOCK_MS must be an integer between 1000 and 600000' })
  @Max(600_000, { message: 'QUEUE_LOCK_MS must be an integer between 1000 and 600000' })
  QUEUE_LOCK_MS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'MAIL_RETRY_HOURS must be an integer between 1 and 168' })
  @Min(1, { message: 'MAIL_RETRY_HOURS must be an integer between 1 and 168' })
  @Max(168, { message: 'MAIL_RETRY_HOURS must be an integer between 1 and 168' })
  MAIL_RETRY_HOURS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'MAIL_RETRY_FIRST_SECONDS must be an integer between 1 and 3600' })
  @Min(1, { message: 'MAIL_RETRY_FIRST_SECONDS must be an integer between 1 and 3600' })
  @Max(3600, { message: 'MAIL_RETRY_FIRST_SECONDS must be an integer between 1 and 3600' })
  MAIL_RETRY_FIRST_SECONDS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'RECONCILE_EVERY_SECONDS must be an integer between 1 and 3600' })
  @Min(1, { message: 'RECONCILE_EVERY_SECONDS must be an integer between 1 and 3600' })
  @Max(3600, { message: 'RECONCILE_EVERY_SECONDS must be an integer between 1 and 3600' })
  RECONCILE_EVERY_SECONDS?: number;
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
