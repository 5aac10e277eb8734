import { Module } from '@nestjs/common';
import { PilotReadService } from './pilot-read.service.js';
import { PilotsController } from './pilots.controller.js';

@Module({
  controllers: [PilotsController],
  providers: [PilotReadService],
  exports: [PilotReadService],
})
export class PilotsModule {}
