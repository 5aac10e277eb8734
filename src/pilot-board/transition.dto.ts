import { EntityVersion, OneOf, Text } from '../common/validators.js';
import { PILOT_STATES, type PilotState } from '../pilots/domain/pilot-state.js';

export class PilotTransitionDto {
  @OneOf('to', PILOT_STATES)
  to: PilotState;

  @Text('reason', { max: 2000, optional: true, description: 'Bắt buộc với các bước cần nêu lý do' })
  reason?: string;

  @EntityVersion()
  version: number;
}
