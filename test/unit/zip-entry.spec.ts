import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';
import { readZipEntry, replaceZipEntry } from '../../src/documents/monthly/zip-entry.js';

describe('one file of a zip archive read and replaced (zip-entry)', () => {
  it('replaces word/document.xml of a .docx, every other file and the order kept, CRCs right', async () => {
    const docx = Buffer.from(
      await Packer.toBuffer(
        new Document({ sections: [{ children: [new Paragraph('Đề án 06')] }] }),
      ),
    );
    const before = await JSZip.loadAsync(docx);
    const xml = readZipEntry(docx, 'word/document.xml').toString('utf8');
    expect(xml).toBe(await before.file('word/document.xml')!.async('string'));

    const replaced = xml.replace('Đề án 06', 'Báo cáo tháng 12/2023 – Khánh Hòa'.repeat(1000));
    const zip = replaceZipEntry(docx, 'word/document.xml', Buffer.from(replaced, 'utf8'));

    const after = await JSZip.loadAsync(zip, { checkCRC32: true });
    expect(Object.keys(after.files)).toEqual(Object.keys(before.files));
    for (const name of Object.keys(before.files)) {
      const content = await after.file(name)!.async('string');
      expect(content).toBe(
        name === 'word/document.xml' ? replaced : await before.file(name)!.async('string'),
      );
    }
    expect(readZipEntry(zip, 'word/document.xml').toString('utf8')).toBe(replaced);
  });

  it('refuses a file the archive lacks, and what is not a zip archive', async () => {
    const docx = Buffer.from(await Packer.toBuffer(new Document({ sections: [] })));
    expect(() => readZipEntry(docx, 'word/nothing.xml')).toThrow('no word/nothing.xml');
    expect(() => replaceZipEntry(docx, 'word/nothing.xml', Buffer.from(''))).toThrow(
      'no word/nothing.xml',
    );
    expect(() => readZipEntry(Buffer.from('not a zip archive at all, only text'), 'a')).toThrow(
      'not a zip archive',
    );
  });
});
