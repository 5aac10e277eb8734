/**
 * Reading and replacing one file of a zip archive (the .docx's word/document.xml), with Node's
 * zlib: the other entries are copied as they are, compressed data and all. Archives as docx
 * writes them: no ZIP64, no data descriptors, no encryption (anything else is refused).
 */

import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
  name: string;
  /** Its central directory record. */
  central: Buffer;
  /** Its local header and compressed data. */
  local: Buffer;
}

/**
 * Where the archive's end-of-central-directory record starts (22 bytes plus a comment of at most
 * 65535, so it is looked for from the end).
 */
export function endOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) return i;
  }
  throw new Error('zip: not a zip archive');
}

function entries(zip: Buffer): Entry[] {
  const eocd = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const found: Entry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('zip: bad central directory');
    const flags = zip.readUInt16LE(p + 8);
    const size = zip.readUInt32LE(p + 20);
    const offset = zip.readUInt32LE(p + 42);
    if (flags & 0x9 || size === 0xffffffff || offset === 0xffffffff) {
      throw new Error('zip: encrypted, ZIP64 or data-descriptor entries are not supported');
    }
    const length =
      46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    if (zip.readUInt32LE(offset) !== LOCAL) throw new Error('zip: bad local header');
    const localLength = 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28) + size;
    found.push({
      name: zip.toString('utf8', p + 46, p + 46 + zip.readUInt16LE(p + 28)),
      central: zip.subarray(p, p + length),
      local: zip.subarray(offset, offset + localLength),
    });
    p += length;
  }
  return found;
}

/** The uncompressed content of the archive's file `path`. */
export function readZipEntry(zip: Buffer, path: string): Buffer {
  const entry = entries(zip).find((e) => e.name === path);
  if (!entry) throw new Error(`zip: no ${path}`);
  const method = entry.central.readUInt16LE(10);
  const data = entry.local.subarray(
    30 + entry.local.readUInt16LE(26) + entry.local.readUInt16LE(28),
  );
  if (method === STORED) return Buffer.from(data);
  if (method === DEFLATED) return inflateRawSync(data);
  throw new Error(`zip: compression method ${method} is not supported`);
}

/**
 * The archive with the file `path` (which it must have) holding `content`, deflated; every
 * other entry, and the order of all, as they were.
 */
export function replaceZipEntry(zip: Buffer, path: string, content: Buffer): Buffer {
  const all = entries(zip);
  if (!all.some((e) => e.name === path)) throw new Error(`zip: no ${path}`);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of all) {
    let local = e.local;
    const central = Buffer.from(e.central);
    if (e.name === path) {
      const data = deflateRawSync(content);
      const nameLength = e.local.readUInt16LE(26);
      const header = Buffer.alloc(30 + nameLength);
      e.local.copy(header, 0, 0, 30 + nameLength); // without its extra field
      header.writeUInt16LE(DEFLATED, 8);
      header.writeUInt32LE(crc32(content), 14);
      header.writeUInt32LE(data.length, 18);
      header.writeUInt32LE(content.length, 22);
      header.writeUInt16LE(0, 28);
      local = Buffer.concat([header, data]);
      central.writeUInt16LE(DEFLATED, 10);
      central.writeUInt32LE(crc32(content), 16);
      central.writeUInt32LE(data.length, 20);
      central.writeUInt32LE(content.length, 24);
    }
    central.writeUInt32LE(offset, 42);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(all.length, 8);
  end.writeUInt16LE(all.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
