import type { AgencyKind } from './agency-kind.js';
import type { Agency } from './agency.entity.js';

export interface AgencyView {
  id: string;
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  parentCode: string | null;
  successorCode: string | null;
  dissolvedOn: string | null;
  contactEmails: string[];
  version: number;
}

/** `parent` and `successor` must be loaded for their codes. */
export function toAgencyView(a: Agency): AgencyView {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    parentCode: a.parent?.code ?? null,
    successorCode: a.successor?.code ?? null,
    dissolvedOn: a.dissolvedOn,
    contactEmails: a.contactEmails,
    version: a.version,
  };
}
