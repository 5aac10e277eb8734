import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { Agency } from '../agencies/agency.entity.js';
import { parseDue } from '../milestones/domain/milestone.js';
import { Milestone } from '../milestones/milestone.entity.js';
import { dueColumns, recordMilestoneRevision } from '../milestones/milestones.service.js';
import { Pilot } from '../pilots/pilot.entity.js';

interface MilestoneSeed {
  key: string;
  pilotNumber: number;
  ownerCode: string;
  name: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  due: string;
  /** The report's own sentence, verbatim. */
  note: string;
}

/** The deadlines report 442 names (product.md §7), in its words. */
export const MILESTONES: readonly MilestoneSeed[] = [
  {
    key: 'pilot-9-danh-gia',
    pilotNumber: 9,
    ownerCode: 'BQLKKT',
    name: 'Tổ chức đánh giá kết quả triển khai',
    due: '2023-12-30',
    note: 'Ban Quản lý Khu kinh tế Vân Phong sẽ tổ chức đánh giá kết quả triển khai và dự kiến sẽ hoàn thành trong trước tháng 30/12/2023.',
  },
  {
    key: 'pilot-14-thi-tin-hoc',
    pilotNumber: 14,
    ownerCode: 'DHKH',
    name: 'Tổ chức thi kết thúc học phần đối với học phần Tin học đại cương (theo hướng chuẩn MOS)',
    due: '2024-01-20',
    note: 'Tại Trung tâm Ngoại ngữ và Tin học - Trực thuộc Trường Đại học Khánh Hòa, thời gian dự kiến tổ chức: 20/01/2024 (Theo lịch thi thực tế của sinh viên), số lượng: 189 SV, thời gian thi: 60 phút/ca thi, 40 SV/ca thi.',
  },
  {
    key: 'pilot-31-nhiem-vu-2024',
    pilotNumber: 31,
    ownerCode: 'STTTT',
    name: 'Nhiệm vụ triển khai đã đăng ký',
    due: '2024',
    note: 'Sở Thông tin và Truyền thông đã đăng ký nhiệm vụ triển khai trong năm 2024.',
  },
];

/**
 * Loads the report's milestones, each as of the report (`asOf`), PLANNED; only those whose key
 * is not loaded yet, so a second load adds nothing and never overwrites a user's change.
 */
export async function loadReferenceMilestones(m: EntityManager, asOf: Date): Promise<number> {
  const loaded = new Set(
    (await m.find(Milestone, { select: { id: true, seedKey: true } })).map((ms) => ms.seedKey),
  );
  let added = 0;
  for (const seed of MILESTONES) {
    if (loaded.has(seed.key)) continue;
    const pilot = await m.findOneByOrFail(Pilot, { number: seed.pilotNumber });
    const owner = await m.findOneByOrFail(Agency, { code: seed.ownerCode });
    const milestone = await m.save(
      m.create(Milestone, {
        pilotId: pilot.id,
        name: seed.name,
        note: seed.note,
        ...dueColumns(parseDue(seed.due)!),
        ownerAgencyId: owner.id,
        state: 'PLANNED',
        doneOn: null,
        dropReason: null,
        createdById: null,
        seedKey: seed.key,
        createdAt: asOf,
        updatedAt: asOf,
      }),
    );
    await recordMilestoneRevision(m, milestone, asOf, SYSTEM_ACTOR);
    added += 1;
  }
  return added;
}
