import { Module } from '@nestjs/common';
import { UserAccounts } from './user-accounts.js';
import { UsersController } from './users.controller.js';

@Module({ controllers: [UsersController], providers: [UserAccounts], exports: [UserAccounts] })
export class UsersModule {}
