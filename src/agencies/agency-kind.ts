export const AGENCY_KINDS = [
  'MINISTRY',
  'CENTRAL_AGENCY',
  'WORKING_GROUP',
  'PROVINCIAL_DEPARTMENT',
  'PROVINCIAL_OFFICE',
  'SCHOOL',
  'OTHER',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
