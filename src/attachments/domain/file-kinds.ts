/**
 * What the service accepts as a document (product.md §3, Attachment): PDF, DOCX, XLSX, PNG and
 * JPEG, recognised from the bytes — the name and the browser's content type are not trusted —
 * and complete: a file cut short in transfer is refused, not stored.
 */

export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (.docx)',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel (.xlsx)',
  },
  png: { mime: 'image/png', label: 'PNG' },
  jpg: { mime: 'image/jpeg', label: 'JPEG' },
} as const;

export type FileKind = keyof typeof FILE_KINDS;
export const ACCEPTED_MIME_TYPES = Object.values(FILE_KINDS).map((k) => k.mime);
export const ACCEPTED_LABELS = Object.values(FILE_KINDS)
  .map((k) => k.label)
  .join(', ');

/** The kind of a sniffed extension, or null when the service does not take it. */
export function acceptedKind(ext: string | undefined): FileKind | null {
  return ext !== undefined && Object.hasOwn(FILE_KINDS, ext) ? (ext as FileKind) : null;
}

/** How many bytes of a file's end `isComplete` needs to see. */
export const TAIL_BYTES = 64 * 1024;

const ZIP_END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const PNG_IEND = Buffer.from('IEND');
const JPEG_END = Buffer.from([0xff, 0xd9]);

/**
 * Whether the file's last bytes (`tail`, up to TAIL_BYTES) close it as its kind requires: a PDF
 * ends with `%%EOF` (a trailing newline or a little padding allowed), a DOCX/XLSX (a ZIP) has its
 * end-of-central-directory record, a PNG its IEND chunk, a JPEG its end-of-image marker.
 */
export function isComplete(kind: FileKind, tail: Buffer): boolean {
  switch (kind) {
    case 'pdf':
      return tail.subarray(-1024).includes('%%EOF');
    case 'docx':
    case 'xlsx':
      // The record is 22 bytes plus a comment of at most 65,535 bytes.
      return tail.subarray(-(22 + 0xffff)).lastIndexOf(ZIP_END_OF_CENTRAL_DIRECTORY) >= 0;
    case 'png':
      return tail.subarray(-12).subarray(4, 8).equals(PNG_IEND);
    case 'jpg': {
      const end = trimTrailingZeros(tail);
      return end.subarray(-2).equals(JPEG_END);
    }
  }
}

/** Some scanners pad a JPEG after its end marker. */
function trimTrailingZeros(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return b.subarray(0, end);
}

/**
 * The name a file is stored and offered under: NFC, no path, no control characters, at most
 * 200 characters; empty becomes "tep-dinh-kem".
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return ([...clean].slice(0, 200).join('') || 'tep-dinh-kem').trim();
}

/** `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
