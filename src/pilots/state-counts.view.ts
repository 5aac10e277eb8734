import { ApiProperty } from '@nestjs/swagger';
import type { PilotState } from './domain/pilot-state.js';

export type StateCounts = Record<PilotState, number>;

/** Pilots in each lifecycle state. */
export class StateCountsView implements StateCounts {
  @ApiProperty()
  NOT_STARTED!: number;

  @ApiProperty()
  PREPARING!: number;

  @ApiProperty()
  PILOTING!: number;

  @ApiProperty()
  OPERATING!: number;

  @ApiProperty()
  COMPLETED!: number;

  @ApiProperty()
  SUSPENDED!: number;
}
