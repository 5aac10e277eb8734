import type { EntityManager } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import { Agency } from './agency.entity.js';
import type { AgencySuccession, AgencyView } from './agency.view.js';
import { SuccessionIndex } from './succession/succession-read.js';

// Apart from agency.view.ts and agency-read.service.ts, which load the OpenAPI decorators
// (@nestjs/swagger), so that the start-up work and the CLI, which read agencies without serving
// them over HTTP, do not load those.

/** `parent` must be loaded for its code. */
export function toAgencyView(a: Agency, succession: AgencySuccession): AgencyView {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    parentCode: a.parent?.code ?? null,
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    ...succession,
    contactEmails: a.contactEmails,
    version: a.version,
  };
}

/**
 * The agency with its parent's code and its succession as of `today` (pass the clock's day; the
 * system's when omitted); 404 when there is none.
 */
export async function agencyView(
  m: EntityManager,
  code: string,
  today: string,
): Promise<AgencyView> {
  const agency = await m.findOne(Agency, {
    where: { code },
    relations: { parent: true },
  });
  if (!agency) throw notFound(`cơ quan mã ${code}`, { code });
  const index = await SuccessionIndex.load(m);
  return toAgencyView(agency, index.agencySuccession(agency.id, today));
}
