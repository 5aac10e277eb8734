import { AgencyCodes, CalendarDay, EntityVersion, Text } from '../common/validators.js';

/**
 * A correction of a DRAFT letter (issue 16, item 3): any of its words, number, date, addressees
 * and "Nơi nhận"; what is left out stays. The blockers it covers stay as drafted.
 */
export class UpdateRecommendationDto {
  @EntityVersion()
  version: number;

  @Text('summary', { max: 20_000, optional: true })
  summary?: string;

  @Text('documentNumber', { max: 100, optional: true, example: '5772/TCTĐA06-CAT' })
  documentNumber?: string;

  @CalendarDay('letterDate', { optional: true })
  letterDate?: string;

  @AgencyCodes('addresseeCodes', { min: 1, max: 20, optional: true })
  addresseeCodes?: string[];

  @AgencyCodes('distributionCodes', {
    min: 0,
    max: 20,
    optional: true,
    example: ['VPCP', 'BCA'],
    description: 'Nơi nhận (để biết), theo thứ tự trên văn bản; thay cả danh sách',
  })
  distributionCodes?: string[];
}
