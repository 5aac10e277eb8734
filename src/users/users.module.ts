import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { UserAccounts } from './user-accounts.js';
import { UsersController } from './users.controller.js';

@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [UserAccounts],
  exports: [UserAccounts],
})
export class UsersModule {}
