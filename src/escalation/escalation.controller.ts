import { Body, Get, Logger, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { ApiErrors } from '../common/api-errors.js';
import { QueueService } from '../queue/queue.service.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { VersionedPolicy } from './escalation.view.js';
import { EscalationPolicyDto } from './policy.dto.js';
import { ScheduleKeeper } from './schedule-keeper.js';
import { ApiResource } from '../common/api-resource.js';

@ApiResource('escalation-policy', { tag: 'escalation' })
export class EscalationPolicyController {
  private readonly logger = new Logger(EscalationPolicyController.name);

  constructor(
    private readonly policies: EscalationPolicyService,
    private readonly queues: QueueService,
    private readonly schedules: ScheduleKeeper,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Chính sách đôn đốc đang áp dụng: các mức, thời hạn, lặp lại, lịch tổng hợp',
  })
  @ApiOkResponse({ type: VersionedPolicy })
  get(): Promise<VersionedPolicy> {
    return this.policies.current();
  }

  @Put()
  @ApiOperation({
    summary:
      'Thay chính sách đôn đốc (thư ký); các mức chưa đến hạn của mọi kiến nghị được xếp lịch lại',
  })
  @ApiOkResponse({ type: VersionedPolicy, description: 'Chính sách vừa lưu, phiên bản mới' })
  @ApiErrors(
    [403, 'chỉ thư ký (SECRETARIAT)'],
    [409, 'VERSION_CONFLICT: chính sách đã được người khác thay'],
    413,
  )
  async put(
    @Body() body: EscalationPolicyDto,
    @CurrentActor() actor: Actor,
  ): Promise<VersionedPolicy> {
    const { version, ...policy } = body;
    const saved = await this.policies.replace(actor, policy, version);
    // Rescheduling every open letter can take a while: the workers do it.
    await this.queues.enqueue(
      'escalation.reconcile',
      { reason: `policy v${saved.version}` },
      { jobId: `reconcile-policy-v${saved.version}` },
    );
    // A new digest time takes effect now; should the queue store not answer, every worker's
    // keeper applies it within a minute.
    await this.schedules
      .ensure()
      .catch((error: Error) => this.logger.warn(`schedules not updated: ${error.message}`));
    return saved;
  }
}
