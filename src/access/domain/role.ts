export const ROLES = ['ADMIN', 'SECRETARIAT', 'AGENCY_OFFICER', 'LEADERSHIP'] as const;
export type Role = (typeof ROLES)[number];
