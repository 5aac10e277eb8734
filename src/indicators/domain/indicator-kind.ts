/**
 * How an indicator's value reads (product.md §3, "Indicator"): a count ("855 dịch vụ"), a part
 * of a whole ("460/475 đơn vị", its rate printed beside it) or a rate given as such ("72,9%").
 */
export const INDICATOR_KINDS = ['NUMBER', 'RATIO', 'PERCENT'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** A catalogue code: a letter, then letters, digits or underscores (a pilot's metrics key). */
export const INDICATOR_CODE_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,63}$';

/** A section of the report: "I", "I.4.2", "I.7.1". */
export const REPORT_SECTION_PATTERN = '^[IVX]+(\\.[0-9]{1,2}){0,3}$';

/** An indicator is the province's (no pilot) or one pilot's. */
export type IndicatorScope = 'PROVINCE' | number;
