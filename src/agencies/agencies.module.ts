import { Module } from '@nestjs/common';
import { AgenciesAdminController } from './agencies-admin.controller.js';
import { AgencyAdmin } from './agencies-admin.service.js';
import { AgenciesController } from './agencies.controller.js';

@Module({
  controllers: [AgenciesController, AgenciesAdminController],
  providers: [AgencyAdmin],
})
export class AgenciesModule {}
