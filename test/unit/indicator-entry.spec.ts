import fc from 'fast-check';
import { entryOf, parseFigure, shownText } from '../../src/web/indicators/indicator-entry.js';
import { typedText } from '../../src/web/indicators/indicators-page.view.js';

const stored = (value: number, denominator: number | null = null, version = 3) =>
  ({
    value,
    denominator,
    version,
  }) as Parameters<typeof typedText>[0];

describe('web: an indicator value as typed on /chi-so', () => {
  it('reads figures as Vietnamese write them, a whole after a slash', () => {
    expect(parseFigure('1.191.479')).toEqual({
      ok: true,
      figure: { value: 1_191_479, denominator: null },
    });
    expect(parseFigure(' 72,9% ')).toEqual({
      ok: true,
      figure: { value: 72.9, denominator: null },
    });
    expect(parseFigure('460 / 475')).toEqual({
      ok: true,
      figure: { value: 460, denominator: 475 },
    });
    for (const bad of ['460/', '/475', '1/2/3', 'a/b']) {
      expect(parseFigure(bad)).toEqual({
        ok: false,
        problem: 'Tỷ lệ viết dạng tử số/mẫu số, ví dụ 460/475.',
      });
    }
    expect(parseFigure('khoảng 90')).toMatchObject({ ok: false });
    expect(parseFigure('1e5')).toMatchObject({ ok: false });
  });

  it('shows a stored value so that reading it back gives the same figure', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }).map((v) => Math.round(v * 100) / 100 || 0),
        fc.option(fc.integer({ min: 1, max: 1e9 })),
        (value, denominator) => {
          const shown = stored(value, denominator);
          expect(parseFigure(typedText(shown))).toEqual({
            ok: true,
            figure: { value, denominator },
          });
        },
      ),
    );
  });

  it('writes only what changed, and never erases a value', () => {
    const form = (typed: string, was: string, note = '', wasNote = '') => ({
      'value.x': typed,
      'note.x': note,
      'version.x': '3',
      'shown.x': was,
      'shownNote.x': wasNote,
    });
    const was = shownText({ value: 460, denominator: 475 });
    expect(was).toBe('460/475');
    expect(entryOf(form('460/475', was), 'x')).toEqual({ code: 'x', kind: 'unchanged' });
    expect(entryOf(form('', ''), 'x')).toEqual({ code: 'x', kind: 'unchanged' });
    expect(entryOf(form('461/475', was), 'x')).toEqual({
      code: 'x',
      kind: 'write',
      value: 461,
      denominator: 475,
      note: undefined,
      version: 3,
    });
    expect(entryOf(form('460/475', was, 'nguồn mới', 'nguồn cũ'), 'x')).toMatchObject({
      kind: 'write',
      note: 'nguồn mới',
    });
    expect(entryOf(form('', was), 'x')).toMatchObject({ kind: 'problem' });
    expect(entryOf(form('', '', 'chỉ ghi chú'), 'x')).toMatchObject({ kind: 'problem' });
  });
});
