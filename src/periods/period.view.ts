/** A report period: whether its data is locked, and how many progress reports it holds. */
export interface PeriodView {
  period: string;
  locked: boolean;
  lockedAt: string | null;
  reports: number;
}
