import { NoBreakHyphen } from 'docx';
import { unbroken } from '../../src/documents/monthly/docx-tables.js';

describe("a document line's runs (unbroken)", () => {
  it("keeps the text between letter numbers' hyphens as one string, each such hyphen non-breaking", () => {
    const parts = unbroken(
      'Ngày 30/8/2023, Văn bản số 2754/STTTT-TTCNTT&DVHCCTT gửi Cục Cảnh sát - Bộ Công an.',
    );
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe('Ngày 30/8/2023, Văn bản số 2754/STTTT');
    expect(parts[1]).toBeInstanceOf(NoBreakHyphen);
    // A hyphen outside a letter number (no "/" in its word) stays an ordinary one.
    expect(parts[2]).toBe('TTCNTT&DVHCCTT gửi Cục Cảnh sát - Bộ Công an.');
  });

  it('gives a line without letter numbers back as a single string, whatever its length', () => {
    const line = 'Toàn tỉnh đã có 176/176 cơ sở khám chữa bệnh triển khai. '.repeat(50).trim();
    expect(unbroken(line)).toEqual([line]);
  });
});
