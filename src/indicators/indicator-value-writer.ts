import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { assertVersion } from '../common/concurrency.js';
import { versionConflict } from '../common/domain-error.js';
import { IndicatorValue, IndicatorValueRevision } from './indicator-value.entity.js';

export interface ValueInput {
  period: string;
  value: number;
  denominator?: number | null;
  note?: string | null;
  version?: number;
}

/**
 * Writes an indicator's value for a period in the caller's transaction, as a pilot report is
 * written: the row read FOR UPDATE, the version checked (0: the period's first value), the
 * change audited and the value kept as a revision for reading the period as of its cut-off.
 * The caller has checked who may write and that the period is open.
 */
export async function writeIndicatorValue(
  m: EntityManager,
  audit: AuditService,
  actor: Actor,
  indicator: { id: string; code: string },
  input: ValueInput,
  now: Date,
): Promise<{ created: boolean; value: IndicatorValue }> {
  const existing = await m.findOne(IndicatorValue, {
    where: { indicatorId: indicator.id, period: input.period },
    lock: { mode: 'pessimistic_write' },
  });
  const what = `Giá trị kỳ ${input.period} của chỉ số ${indicator.code}`;
  let saved: IndicatorValue;
  if (existing) {
    assertVersion(existing, input.version, what);
    const before = {
      value: existing.value,
      denominator: existing.denominator,
      note: existing.note,
      version: existing.version,
    };
    existing.value = input.value;
    existing.denominator = input.denominator ?? null;
    existing.note = input.note ?? existing.note;
    existing.authorId = actor.email === 'system' ? null : actor.id;
    saved = await m.save(existing);
    await audit.record(m, actor, {
      action: 'indicator.value.update',
      entityType: 'indicator',
      entityId: indicator.code,
      before: { period: input.period, ...before },
      after: {
        period: input.period,
        value: saved.value,
        denominator: saved.denominator,
        note: saved.note,
        version: saved.version,
      },
    });
  } else {
    if (input.version !== undefined && input.version > 0) {
      throw versionConflict(
        `Chỉ số ${indicator.code} chưa có giá trị kỳ ${input.period} để sửa. Vui lòng tải lại rồi thử lại.`,
        0,
        input.version,
      );
    }
    saved = await m.save(
      m.create(IndicatorValue, {
        indicatorId: indicator.id,
        period: input.period,
        value: input.value,
        denominator: input.denominator ?? null,
        note: input.note ?? null,
        authorId: actor.email === 'system' ? null : actor.id,
      }),
    );
    await audit.record(m, actor, {
      action: 'indicator.value.create',
      entityType: 'indicator',
      entityId: indicator.code,
      after: {
        period: input.period,
        value: saved.value,
        denominator: saved.denominator,
        note: saved.note,
      },
    });
  }
  await m.insert(IndicatorValueRevision, {
    valueId: saved.id,
    value: saved.value,
    denominator: saved.denominator,
    at: now,
    authorId: saved.authorId,
  });
  return { created: !existing, value: saved };
}
