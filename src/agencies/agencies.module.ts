import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller.js';

@Module({ controllers: [AgenciesController] })
export class AgenciesModule {}
