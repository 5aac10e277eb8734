import type { EntityManager } from 'typeorm';
import { fieldError, INVALID_INPUT } from '../../common/domain-error.js';
import { vnDate } from '../../common/domain/local-time.js';
import { existsOn } from '../domain/succession.js';
import { SuccessionIndex } from './succession-read.js';

interface Named {
  id: string;
  code: string;
  name: string;
  validFrom: string | null;
  validUntil: string | null;
}

/**
 * 400 on `field` unless every agency exists under its name on `day`: a letter, an account or a
 * lead agency names an agency of its day. The problem names whoever holds a gone agency's duties
 * that day, so the user knows what to pick instead.
 */
export async function assertAgenciesExistOn(
  m: EntityManager,
  agencies: readonly Named[],
  day: string,
  field: string,
): Promise<void> {
  const gone = agencies.filter((a) => !existsOn(a, day));
  if (gone.length === 0) return;
  const index = await SuccessionIndex.load(m);
  const problems = gone.map((a) => {
    if (a.validFrom && day < a.validFrom)
      return `${a.name} (${a.code}) chỉ tồn tại từ ngày ${vnDate(a.validFrom)}.`;
    const since = `${a.name} (${a.code}) không còn tồn tại từ ngày ${vnDate(a.validUntil!)}`;
    const holder = index.holder(a.id, day, 'DUTY');
    if (holder.status === 'AMBIGUOUS')
      return `${since}; nhiệm vụ được chia cho: ${holder.candidates.map((c) => `${c.name} (${c.code})`).join(', ')} — chọn cơ quan phù hợp.`;
    if (holder.via.length === 0) return `${since}.`;
    const last = holder.via[holder.via.length - 1];
    return `${since}; nay do ${holder.agency!.name} (${holder.agency!.code}) đảm nhận (${last.legalBasis}).`;
  });
  throw fieldError(field, problems.join(' '), `${INVALID_INPUT} ${problems.join(' ')}`);
}
