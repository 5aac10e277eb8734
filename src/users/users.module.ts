import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { UserAccounts } from './user-accounts.js';
import { UserAdminService } from './user-admin.service.js';
import { UserReadService } from './user-read.service.js';
import { UsersController } from './users.controller.js';

@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UserAccounts, UserReadService, UserAdminService],
  exports: [UserAccounts],
})
export class UsersModule {}
