import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { Agency } from '../agencies/agency.entity.js';
import { existsOn } from '../agencies/domain/succession.js';
import { successorsReachable } from '../agencies/domain/succession-rules.js';
import { SuccessionIndex } from '../agencies/succession/succession-read.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay } from '../common/domain/local-time.js';
import { conflict, fieldError, notFound } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { OPEN_FOR_HOLDERS } from './addressee-holders.js';
import type { ChooseHolderDto } from './addressee-holder.dto.js';
import { RecommendationAddressee } from './recommendation-addressee.entity.js';
import { Recommendation } from './recommendation.entity.js';

/**
 * The secretariat's choice of who answers for an addressee a split left ambiguous (product.md
 * §3). Reminders read the addressee's holder when they fire, so the next one goes to the chosen
 * agency (and on down any later succession of it) with nothing to reschedule.
 */
@Injectable()
export class AddresseeHolderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  choose(actor: Actor, id: string, addresseeCode: string, dto: ChooseHolderDto): Promise<void> {
    assertAllowed(actor, 'letters.chooseHolder');
    return inTransaction(this.dataSource, async (m) => {
      const letter = await m.findOne(Recommendation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!letter) throw notFound('kiến nghị');
      assertVersion(letter, dto.version, 'Kiến nghị');
      if (!(OPEN_FOR_HOLDERS as readonly string[]).includes(letter.state))
        throw conflict(
          `Chỉ chọn cơ quan kế thừa cho kiến nghị đang mở (đã gửi hoặc đã trả lời); kiến nghị này đang ở trạng thái ${letter.state}.`,
          { state: letter.state },
        );
      const addressee = await m
        .createQueryBuilder(RecommendationAddressee, 'ra')
        .innerJoin('ra.agency', 'a')
        .where('ra.recommendationId = :id AND a.code = :code', { id, code: addresseeCode })
        .getOne();
      if (!addressee)
        throw notFound(`cơ quan nhận ${addresseeCode} của kiến nghị`, { addresseeCode });
      const chosen = await m.findOneBy(Agency, { code: dto.agencyCode });
      if (!chosen) throw fieldError('agencyCode', `Không có cơ quan mã ${dto.agencyCode}.`);

      const today = localDay(this.clock.now());
      const index = await SuccessionIndex.load(m);
      const allowed = successorsReachable(addressee.agencyId, today, index.byFrom);
      if (!allowed.has(chosen.id) || !existsOn(chosen, today)) {
        const now = [...allowed].filter((a) => index.existsOn(a, today));
        throw fieldError(
          'agencyCode',
          now.length
            ? `${dto.agencyCode} không kế thừa nhiệm vụ của ${addresseeCode} hoặc không còn tồn tại; chọn một trong: ${now.map((a) => index.ref(a).code).join(', ')}.`
            : `${addresseeCode} chưa có cơ quan kế thừa: không có gì để chọn.`,
        );
      }

      const before = addressee.holderAgencyId ? index.ref(addressee.holderAgencyId).code : null;
      await m.update(
        RecommendationAddressee,
        { recommendationId: id, agencyId: addressee.agencyId },
        { holderAgencyId: chosen.id, holderChosenAt: this.clock.now(), holderChosenById: actor.id },
      );
      // The letter changed: its version moves, so two choices made on one view cannot both pass.
      await m.query(
        `UPDATE recommendation SET version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record(m, actor, {
        action: 'recommendation.chooseHolder',
        entityType: 'recommendation',
        entityId: id,
        before: { addresseeCode, holderCode: before },
        after: {
          addresseeCode,
          holderCode: chosen.code,
          heldAt: index.holder(addressee.agencyId, today, 'DUTY'),
        },
      });
    });
  }
}
