import { Module } from '@nestjs/common';
import { BlockersController } from './blockers.controller.js';

@Module({ controllers: [BlockersController] })
export class BlockersModule {}
