import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { assertAgenciesExistOn } from '../agencies/succession/current-agencies.js';
import { assertAllowed, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay } from '../common/domain/local-time.js';
import { fieldError, forbidden, notFound, transitionNotAllowed } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { recommendationCommandsFrom } from './domain/recommendation-lifecycle.js';
import type { UpdateRecommendationDto } from './draft-letter.dto.js';
import { RecommendationAddressee } from './recommendation-addressee.entity.js';
import { RecommendationDistribution } from './recommendation-distribution.entity.js';
import { Recommendation } from './recommendation.entity.js';

const invalid = (field: string, message: string) => fieldError(field, message, message);

/**
 * Corrections of a letter while it is a draft (issue 16, item 3): nothing has left the province
 * yet, so its words, number, date and addressees may still change; once sent, a letter is a
 * record and only moves through its states. The secretariat corrects any draft; an officer, the
 * drafts their own agency wrote. Each correction checks the version the user saw and is audited
 * (`recommendation.update`, before and after).
 */
@Injectable()
export class DraftLetters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async update(actor: Actor, id: string, dto: UpdateRecommendationDto): Promise<void> {
    assertAllowed(actor, 'letters.draft');
    await inTransaction(this.dataSource, async (m) => {
      const r = await m.findOne(Recommendation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!r) throw notFound('kiến nghị');
      if (actor.role === 'AGENCY_OFFICER' && r.senderAgencyId !== actor.agencyId) {
        throw forbidden('Chỉ sửa được dự thảo kiến nghị do đơn vị của bạn soạn.');
      }
      assertVersion(r, dto.version, 'Kiến nghị');
      if (r.state !== 'DRAFT') {
        throw transitionNotAllowed(
          'RECOMMENDATION_TRANSITION_NOT_ALLOWED',
          `Chỉ sửa được kiến nghị còn là dự thảo; kiến nghị này đang ở trạng thái ${r.state}.`,
          { from: r.state, command: 'update', allowed: recommendationCommandsFrom(r.state) },
        );
      }
      const before = await this.snapshot(m, r);
      const day = dto.letterDate ?? r.letterDate ?? localDay(this.clock.now());
      if (dto.addresseeCodes !== undefined) {
        const addressees = await agenciesByCode(m, dto.addresseeCodes, 'addresseeCodes');
        await assertAgenciesExistOn(m, addressees, day, 'addresseeCodes');
        await m.delete(RecommendationAddressee, { recommendationId: id });
        await m.insert(
          RecommendationAddressee,
          addressees.map((a, position) => ({ recommendationId: id, agencyId: a.id, position })),
        );
      }
      if (dto.distributionCodes !== undefined) {
        const distribution = await agenciesByCode(m, dto.distributionCodes, 'distributionCodes');
        await m.delete(RecommendationDistribution, { recommendationId: id });
        if (distribution.length)
          await m.insert(
            RecommendationDistribution,
            distribution.map((a, position) => ({
              recommendationId: id,
              agencyId: a.id,
              position,
            })),
          );
      }
      // The version moves (TypeORM adds version + 1) even when only the addressees changed, so a
      // form still showing the letter as it was fails.
      await m.update(
        Recommendation,
        { id },
        {
          summary: dto.summary ?? r.summary,
          documentNumber: dto.documentNumber ?? r.documentNumber,
          letterDate: dto.letterDate ?? r.letterDate,
        },
      );
      const after = await m.findOneByOrFail(Recommendation, { id });
      await this.audit.record(m, actor, {
        action: 'recommendation.update',
        entityType: 'recommendation',
        entityId: id,
        before,
        after: await this.snapshot(m, after),
      });
    });
  }

  /** What an edit may change, as the audit trail keeps it. */
  private async snapshot(m: EntityManager, r: Recommendation) {
    const codes = async (table: string) =>
      (
        (await m.query(
          `SELECT a.code FROM ${table} x JOIN agency a ON a.id = x.agency_id
            WHERE x.recommendation_id = $1 ORDER BY x.position`,
          [r.id],
        )) as { code: string }[]
      ).map((row) => row.code);
    return {
      summary: r.summary,
      documentNumber: r.documentNumber,
      letterDate: r.letterDate,
      addresseeCodes: await codes('recommendation_addressee'),
      distributionCodes: await codes('recommendation_distribution'),
      version: r.version,
    };
  }
}

async function agenciesByCode(m: EntityManager, codes: string[], field: string): Promise<Agency[]> {
  if (new Set(codes).size !== codes.length) {
    throw invalid(field, 'Mỗi cơ quan chỉ được nêu một lần.');
  }
  if (codes.length === 0) return [];
  const found = await m.findBy(Agency, { code: In(codes) });
  const unknown = codes.filter((c) => !found.some((a) => a.code === c));
  if (unknown.length) throw invalid(field, `Không có cơ quan với mã: ${unknown.join(', ')}.`);
  return codes.map((c) => found.find((a) => a.code === c)!);
}
