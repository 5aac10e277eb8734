import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertAllowed, type Actor } from '../access/actor.js';
import { validationFailed, versionConflict } from '../common/domain-error.js';
import { Setting } from '../common/setting.entity.js';
import { DEFAULT_POLICY, policyProblems, type EscalationPolicy } from './domain/policy.js';
import type { VersionedPolicy } from './escalation.view.js';

export const POLICY_KEY = 'escalation-policy';
/**
 * Advisory lock of the policy: firing holds it shared for its transaction, a change holds it
 * exclusively, so no step is decided under a policy that has since been replaced.
 */
const POLICY_LOCK = 6_000_001;

/**
 * The escalation policy in force: the stored one, or product.md's default. It is read anew
 * each time (one row by its key), never cached: every process sees a change before its next
 * fire.
 */
@Injectable()
export class EscalationPolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  current(): Promise<VersionedPolicy> {
    return this.read(this.dataSource.manager);
  }

  /**
   * The policy for a decision taken in transaction `m` (a step firing): a change waits until
   * that transaction ends, and the decision never uses a policy already replaced.
   */
  async forDecision(m: EntityManager): Promise<VersionedPolicy> {
    await m.query(`SELECT pg_advisory_xact_lock_shared($1)`, [POLICY_LOCK]);
    return this.read(m);
  }

  private async read(m: EntityManager): Promise<VersionedPolicy> {
    const row = await m.getRepository(Setting).findOneBy({ key: POLICY_KEY });
    return row
      ? {
          policy: { ...DEFAULT_POLICY, ...(row.value as Partial<EscalationPolicy>) },
          version: row.version,
        }
      : { policy: DEFAULT_POLICY, version: 0 };
  }

  async replace(actor: Actor, policy: EscalationPolicy, version: number): Promise<VersionedPolicy> {
    assertAllowed(actor, 'policy.edit');
    const problems = policyProblems(policy);
    if (problems.length) {
      throw validationFailed(
        problems.join(' '),
        problems.map((p) => ({ field: 'levels', problems: [p] })),
      );
    }
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [POLICY_LOCK]);
      const row = await m.findOne(Setting, {
        where: { key: POLICY_KEY },
        lock: { mode: 'pessimistic_write' },
      });
      const current = row?.version ?? 0;
      if (version !== current) {
        throw versionConflict(
          'Chính sách đôn đốc vừa được người khác cập nhật trong lúc bạn đang sửa. Vui lòng xem nội dung mới nhất rồi thử lại.',
          current,
          version,
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
    });
  }
}
