/** The years a date may be given in from outside (API, pages, CLI): 2000–2100. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
