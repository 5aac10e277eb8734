import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AgenciesAdminController } from './agencies-admin.controller.js';
import { AgencyAdmin } from './agencies-admin.service.js';
import { AgenciesController } from './agencies.controller.js';
import { AgencyReadService } from './agency-read.service.js';
import { ReorganisationController } from './succession/reorganisation.controller.js';
import { ReorganisationService } from './succession/reorganisation.service.js';
import { AgencySuccessionsController } from './succession/agency-successions.controller.js';
import { SuccessionAdmin } from './succession/succession-admin.service.js';
import { SuccessionEvents } from './succession/succession-events.service.js';
import { SuccessionRealiser } from './succession/succession-realiser.js';

@Module({
  imports: [AuditModule],
  controllers: [
    AgenciesController,
    AgenciesAdminController,
    ReorganisationController,
    AgencySuccessionsController,
  ],
  providers: [
    AgencyAdmin,
    AgencyReadService,
    SuccessionEvents,
    SuccessionRealiser,
    ReorganisationService,
    SuccessionAdmin,
  ],
  exports: [SuccessionEvents, SuccessionRealiser, ReorganisationService],
})
export class AgenciesModule {}
