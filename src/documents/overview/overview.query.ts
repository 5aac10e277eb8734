import { Period } from '../../common/validators.js';

export class OverviewQuery {
  @Period('period', { optional: true })
  period?: string;
}
