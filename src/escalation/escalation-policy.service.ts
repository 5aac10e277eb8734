import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertRole, type Actor } from '../auth/actor.js';
import { DomainError } from '../common/domain-error.js';
import { Setting } from '../common/setting.entity.js';
import { DEFAULT_POLICY, policyProblems, type EscalationPolicy } from './domain/policy.js';

export const POLICY_KEY = 'escalation-policy';

export interface VersionedPolicy {
  policy: EscalationPolicy;
  /** 0 while the default applies. */
  version: number;
}

/** The escalation policy in force: the stored one, or product.md's default. */
@Injectable()
export class EscalationPolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Firing reads the policy for every step, so it is kept for a minute. Other processes see a
   * change within that minute; the reconciliation a change queues reads it fresh.
   */
  private cached?: { value: VersionedPolicy; at: number };

  async current(options: { fresh?: boolean } = {}): Promise<VersionedPolicy> {
    if (!options.fresh && this.cached && Date.now() - this.cached.at < 60_000)
      return this.cached.value;
    const row = await this.dataSource.getRepository(Setting).findOneBy({ key: POLICY_KEY });
    const value = row
      ? {
          policy: { ...DEFAULT_POLICY, ...(row.value as Partial<EscalationPolicy>) },
          version: row.version,
        }
      : { policy: DEFAULT_POLICY, version: 0 };
    this.cached = { value, at: Date.now() };
    return value;
  }

  async replace(actor: Actor, policy: EscalationPolicy, version: number): Promise<VersionedPolicy> {
    assertRole(actor, 'SECRETARIAT');
    const problems = policyProblems(policy);
    if (problems.length) {
      throw new DomainError(400, 'VALIDATION_FAILED', problems.join(' '), {
        fields: problems.map((p) => ({ field: 'levels', problems: [p] })),
      });
    }
    return this.dataSource
      .transaction(async (m) => {
        const row = await m.findOne(Setting, {
          where: { key: POLICY_KEY },
          lock: { mode: 'pessimistic_write' },
        });
        const current = row?.version ?? 0;
        if (version !== current) {
          throw new DomainError(
            409,
            'VERSION_CONFLICT',
            `Chính sách đôn đốc vừa được người khác cập nhật (phiên bản ${current}). Vui lòng tải lại.`,
            {
              currentVersion: current,
              sentVersion: version,
            },
          );
        }
        const before = row ? row.value : DEFAULT_POLICY;
        const saved = await m.save(
          Setting,
          row
            ? Object.assign(row, { value: policy, updatedById: actor.id })
            : m.create(Setting, { key: POLICY_KEY, value: policy, updatedById: actor.id }),
        );
        await this.audit.record(m, actor, {
          action: 'policy.update',
          entityType: 'policy',
          entityId: POLICY_KEY,
          before: before as object,
          after: policy,
        });
        return { policy, version: saved.version };
      })
      .finally(() => {
        this.cached = undefined;
      });
  }
}
