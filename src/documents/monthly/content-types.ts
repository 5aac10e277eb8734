/**
 * The media types of the report's files, apart from the code that writes them so that naming
 * one (a controller's OpenAPI declaration, a download's header) does not load ExcelJS or docx at
 * start-up: ExcelJS alone was about a tenth of a restart's module loading, and either is only
 * needed when a file is written.
 */
export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
