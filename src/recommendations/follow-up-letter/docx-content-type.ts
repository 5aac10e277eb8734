/** The media type of the follow-up letter's `.docx`, apart from its writer (docx loads on first use). */
export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
