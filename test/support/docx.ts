/** Reading a .docx's word/document.xml back in tests: its text, paragraphs and tables. */
export const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of runs, a non-breaking hyphen (`<w:noBreakHyphen/>`) read as "-". */
export const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)]
    .map((m) => (m[1] === undefined ? '-' : decodeXml(m[1])))
    .join('');

export const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p(?:[ >][\s\S]*?<\/w:p>|\/>)/g)].map((m) => textOf(m[0]));

/** The tables as rows of cells of text (paragraphs joined by "\n"). */
export const tables = (xml: string) =>
  [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphs(c[0]).join('\n')),
    ),
  );
