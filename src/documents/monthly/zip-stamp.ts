/**
 * Office files are zip archives, and zip libraries stamp every entry with the time it was
 * written, so two renderings of the same document differ by a few bytes. stampZip sets every
 * entry's modification time (local and central headers) to one given instant, in place: the
 * compressed data and CRCs do not depend on it, so nothing else changes.
 */

import { wallClock } from '../../common/domain/local-time.js';
import { endOfCentralDirectory } from './zip-entry.js';

const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function dosTime(at: Date): { time: number; date: number } {
  const t = wallClock(at); // whatever TZ says
  const year = Math.min(Math.max(t.getUTCFullYear(), 1980), 2107);
  return {
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
  };
}

export function stampZip(zip: Buffer, at: Date): Buffer {
  const { time, date } = dosTime(at);
  const eocd = endOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('stampZip: bad central directory');
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('stampZip: bad local header');
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
