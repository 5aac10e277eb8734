/**
 * The media type of an `.xlsx`, apart from the workbook code so that naming it (a controller's
 * OpenAPI declaration, a download's header) does not load ExcelJS at start-up: about a tenth of
 * a restart's module loading, only needed when a workbook is written.
 */
export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
