import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AgenciesModule } from './agencies/agencies.module.js';
import { AddresseeAnswersModule, AnswerLinksModule } from './answer-links/answer-links.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CommentsModule } from './comments/comments.module.js';
import { DigestModule } from './digest/digest.module.js';
import { EscalationScheduleModule } from './escalation/escalation-schedule.module.js';
import { EscalationModule } from './escalation/escalation.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BlockersModule } from './blockers/blockers.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { Clock, SystemClock } from './common/clock.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { MAIL_TRANSPORT, type MailTransport } from './notifications/mail-transport.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { PeriodsModule } from './periods/periods.module.js';
import { PilotBoardModule } from './pilot-board/pilot-board.module.js';
import { ProgressReportsModule } from './progress-reports/progress-reports.module.js';
import { IndicatorsModule } from './indicators/indicators.module.js';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { MilestonesModule } from './milestones/milestones.module.js';
import type { QueueBackend } from './queue/queue-backend.js';
import { QueueModule } from './queue/queue.module.js';
import { RecommendationsModule } from './recommendations/recommendations.module.js';
import { UsersModule } from './users/users.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { SearchModule } from './search/search.module.js';
import { SavedFiltersModule } from './saved-filters/saved-filters.module.js';
import { LetterRequestsModule } from './letter-requests/letter-requests.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { WebModule } from './web/web.module.js';
import { AnswerPageModule } from './web/answer/answer-page.module.js';
import { INTERNAL_CALL_HEADER, INTERNAL_CALL_TOKEN } from './web/in-process-api.js';
import { WebExceptionFilter } from './web/web-exception.filter.js';

/** The one exception filter: the API's error shape, and a page for a browser outside the API. */
export function siteExceptionFilter(): AllExceptionsFilter {
  return new AllExceptionsFilter(new WebExceptionFilter());
}

/** Everything the process decided before Nest started: where data, jobs and mail go. */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  queueBackend: QueueBackend;
  mail: MailTransport;
  logger: PinoLogger;
  clock?: Clock;
}

@Global()
@Module({})
class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: Clock, useValue: runtime.clock ?? new SystemClock() },
        { provide: MAIL_TRANSPORT, useValue: runtime.mail },
      ],
      exports: [APP_CONFIG, Clock, MAIL_TRANSPORT],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    // The letters' workflow keeps the ladder in line through escalation's LetterSchedule.
    const letters = RecommendationsModule.forRoot(EscalationScheduleModule);
    // The addressee's answers through its personal link go through the letters' workflow.
    const addresseeAnswers = AddresseeAnswersModule.forRoot(letters);
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        LoggerModule.forRoot({
          pinoHttp: {
            logger: runtime.logger,
            // Fastify has already assigned request.id (see http-app.ts); pino-http reuses it.
            customProps: () => ({ context: 'HTTP' }),
            // Health probes, and the API calls pages make in-process (the page's request is logged).
            autoLogging: {
              ignore: (req) =>
                (req.url ?? '').startsWith('/api/v1/health') ||
                req.headers[INTERNAL_CALL_HEADER] === INTERNAL_CALL_TOKEN,
            },
          },
        }),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(runtime.databaseUrl),
          migrationsRun: false,
          // A request that waits longer for a connection is answered 503 with Retry-After
          // (AllExceptionsFilter); pg_stat_activity tells this pool by its name.
          extra: {
            max: runtime.config.databasePoolMax,
            connectionTimeoutMillis: runtime.config.databasePoolTimeoutMs,
            application_name: `de-an-06-${runtime.config.role}`,
          },
        }),
        QueueModule.forRoot(runtime.queueBackend),
        MetricsModule.forRoot(runtime.config),
        CalendarModule,
        AuditModule,
        EscalationModule,
        AuthModule,
        HealthModule,
        AgenciesModule,
        UsersModule,
        PilotBoardModule,
        BlockersModule,
        letters,
        LetterRequestsModule.forRoot(letters),
        CommentsModule,
        AnswerLinksModule,
        addresseeAnswers,
        ProgressReportsModule,
        IndicatorsModule,
        AttachmentsModule,
        MilestonesModule,
        PeriodsModule,
        DocumentsModule,
        DashboardModule,
        SearchModule,
        SavedFiltersModule,
        NotificationsModule,
        DigestModule,
        WebModule,
        AnswerPageModule.forRoot(addresseeAnswers),
      ],
      providers: [{ provide: APP_FILTER, useFactory: siteExceptionFilter }],
    };
  }
}
