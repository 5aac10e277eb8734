import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import { AuditService } from '../../audit/audit.service.js';
import {
  conflict,
  fieldError,
  validationFailed,
  INVALID_INPUT,
} from '../../common/domain-error.js';
import { Agency } from '../agency.entity.js';
import {
  fromAgencyProblem,
  linkShapeProblems,
  successionLoop,
  toAgencyProblem,
  type LinkProblem,
  type NewLink,
} from '../domain/succession-rules.js';
import { SUCCESSION_KINDS, type SuccessionKind } from '../domain/succession.js';
import { SuccessionEvent, SuccessionLink } from './succession-event.entity.js';

export interface SuccessionEventInput {
  kind: SuccessionKind;
  /** `YYYY-MM-DD`: the first day the new agencies hold the duties; the old ones cease that day. */
  effectiveOn: string;
  legalBasis: string;
  note?: string | null;
  /** Marks an event shipped as data: recording the same key again changes nothing. */
  packageKey?: string | null;
  links: NewLink[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Recording a succession event (product.md §3, §9) inside the caller's transaction: the admin's
 * form and the 2025 package both come here. Validates it, stores it with its links, ends each
 * old agency's validity on the effective day, and writes the trail of every agency it touches.
 * Permissions are the caller's to check.
 */
@Injectable()
export class SuccessionEvents {
  constructor(private readonly audit: AuditService) {}

  async record(
    m: EntityManager,
    actor: Actor,
    input: SuccessionEventInput,
  ): Promise<{ id: string; created: boolean }> {
    assertInputShape(input);
    // One change of the succession graph at a time, so two events cannot close a loop together.
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['agency-succession']);
    if (input.packageKey) {
      const known = await m.findOne(SuccessionEvent, { where: { packageKey: input.packageKey } });
      if (known) return { id: known.id, created: false };
    }

    const codes = [...new Set(input.links.flatMap((l) => [l.fromCode, l.toCode]))];
    const agencies = await m.find(Agency, {
      where: { code: In(codes) },
      lock: { mode: 'pessimistic_write' },
    });
    const byCode = new Map(agencies.map((a) => [a.code, a]));
    const problems: LinkProblem[] = [];
    input.links.forEach((l, i) => {
      for (const side of ['fromCode', 'toCode'] as const)
        if (!byCode.has(l[side]))
          problems.push({ field: `links.${i}.${side}`, problem: `Không có cơ quan mã ${l[side]}` });
    });
    if (problems.length > 0) throw asValidationError(problems);

    const existence: LinkProblem[] = [];
    input.links.forEach((l, i) => {
      const fromProblem = fromAgencyProblem(byCode.get(l.fromCode)!, input.effectiveOn);
      if (fromProblem) existence.push({ field: `links.${i}.fromCode`, problem: fromProblem });
      const toProblem = toAgencyProblem(byCode.get(l.toCode)!, input.effectiveOn);
      if (toProblem) existence.push({ field: `links.${i}.toCode`, problem: toProblem });
    });
    if (existence.length > 0)
      throw conflict(`Không thể ghi sự kiện kế thừa: ${existence[0].problem}.`, {
        fields: existence.map((p) => ({ field: p.field, problems: [p.problem] })),
      });

    const recorded: { from: string; to: string }[] = await m.query(
      `SELECT f.code AS "from", t.code AS "to" FROM succession_link l
         JOIN agency f ON f.id = l.from_agency_id JOIN agency t ON t.id = l.to_agency_id`,
    );
    const succeeded = new Set(recorded.map((r) => r.from));
    const again = input.links.findIndex((l) => succeeded.has(l.fromCode));
    if (again >= 0)
      throw conflict(
        `${input.links[again].fromCode} đã có sự kiện kế thừa; một cơ quan chỉ thôi tồn tại một lần.`,
        { fields: [{ field: `links.${again}.fromCode`, problems: ['đã có sự kiện kế thừa'] }] },
      );
    const loop = successionLoop([
      ...recorded,
      ...input.links.map((l) => ({ from: l.fromCode, to: l.toCode })),
    ]);
    if (loop)
      throw conflict(
        `Sự kiện kế thừa này tạo vòng lặp: ${loop.join(' → ')}. Nhiệm vụ của một cơ quan không thể quay lại chính nó.`,
        { reason: 'SUCCESSION_LOOP', loop },
      );

    const event = await m.save(
      m.create(SuccessionEvent, {
        kind: input.kind,
        effectiveOn: input.effectiveOn,
        legalBasis: input.legalBasis.trim(),
        note: input.note?.trim() || null,
        packageKey: input.packageKey ?? null,
        createdById: actor.email === 'system' ? null : actor.id,
      }),
    );
    await m.insert(
      SuccessionLink,
      input.links.map((l) => ({
        eventId: event.id,
        fromAgencyId: byCode.get(l.fromCode)!.id,
        toAgencyId: byCode.get(l.toCode)!.id,
        isMain: l.isMain ?? false,
        scope: l.scope?.trim() || null,
      })),
    );

    const summary = {
      eventId: event.id,
      kind: input.kind,
      effectiveOn: input.effectiveOn,
      legalBasis: event.legalBasis,
      note: event.note,
      packageKey: event.packageKey,
      links: input.links.map((l) => ({
        fromCode: l.fromCode,
        toCode: l.toCode,
        isMain: l.isMain ?? false,
        scope: l.scope?.trim() || null,
      })),
    };
    const froms = [...new Set(input.links.map((l) => l.fromCode))];
    const tos = [...new Set(input.links.map((l) => l.toCode))].filter((c) => !froms.includes(c));
    for (const code of froms) {
      const agency = byCode.get(code)!;
      const validUntil =
        agency.validUntil && agency.validUntil <= input.effectiveOn
          ? agency.validUntil
          : input.effectiveOn;
      if (validUntil !== agency.validUntil)
        await m.update(Agency, { id: agency.id }, { validUntil }); // bumps version
      await this.audit.record(m, actor, {
        action: 'agency.succession',
        entityType: 'agency',
        entityId: code,
        before: { validUntil: agency.validUntil },
        after: { validUntil, succession: summary },
      });
    }
    for (const code of tos)
      await this.audit.record(m, actor, {
        action: 'agency.succession',
        entityType: 'agency',
        entityId: code,
        after: { succession: summary },
      });
    return { id: event.id, created: true };
  }
}

/** The input's own rules, for callers that do not come through the API's DTO. */
function assertInputShape(input: SuccessionEventInput): void {
  if (!SUCCESSION_KINDS.includes(input.kind))
    throw fieldError('kind', `kind phải là một trong: ${SUCCESSION_KINDS.join(', ')}`);
  if (!DAY.test(input.effectiveOn) || Number.isNaN(Date.parse(input.effectiveOn)))
    throw fieldError('effectiveOn', 'effectiveOn phải là ngày dạng YYYY-MM-DD');
  if (!input.legalBasis?.trim()) throw fieldError('legalBasis', 'legalBasis không được để trống');
  const problems = linkShapeProblems(input.kind, input.links ?? []);
  if (problems.length > 0) throw asValidationError(problems);
}

function asValidationError(problems: LinkProblem[]) {
  return validationFailed(
    INVALID_INPUT,
    problems.map((p) => ({ field: p.field, problems: [p.problem] })),
  );
}
