import fc from 'fast-check';
import { isoDay, isoInstant, typedDay } from '../../src/web/components/date-fields.js';
import { integerField } from '../../src/web/components/forms.js';
import { parseMetrics } from '../../src/web/pilot/reports.controller.js';
import { metricsText } from '../../src/web/pilot/reports.view.js';
import { safeReturn } from '../../src/web/sign-in/sign-in.controller.js';

describe('web forms: what users type, as the API reads it', () => {
  it('reads days as Vietnamese write them, and writes them back the same way', () => {
    expect(isoDay('2/9/2026')).toBe('2026-09-02');
    expect(isoDay(' 02/09/2026 ')).toBe('2026-09-02');
    expect(isoDay('2026-09-02')).toBe('2026-09-02');
    expect(isoDay('ngày mai')).toBe('ngày mai'); // left for the API to refuse
    expect(typedDay('2026-09-02')).toBe('02/09/2026');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(isoDay(typedDay(iso))).toBe(iso);
        },
      ),
    );
  });

  it('reads a day and time as Vietnam time, with its offset', () => {
    expect(isoInstant('15/01/2024 09:30')).toBe('2024-01-15T09:30:00+07:00');
    expect(isoInstant('15/01/2024')).toBe('2024-01-15T08:00:00+07:00');
    expect(isoInstant('  ')).toBeUndefined();
    expect(isoInstant('sáng mai')).toBe('sáng mai');
  });

  it('gives the API integers, and anything else as typed for it to refuse', () => {
    expect(integerField('12')).toBe(12);
    expect(integerField(' -3 ')).toBe(-3);
    expect(integerField('')).toBeUndefined();
    expect(integerField('mười')).toBe('mười');
  });

  it('shows metrics so that saving them again changes nothing', () => {
    const metrics = { tyLe: 0.125, luotTraCuu: 557045, chenhLech: -1234.5, soCoSo: 176 };
    expect(metricsText(metrics)).toBe(
      'tyLe = 0,125\nluotTraCuu = 557.045\nchenhLech = -1.234,5\nsoCoSo = 176',
    );
    expect(parseMetrics(metricsText(metrics))).toEqual({ ok: true, metrics });
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,10}$/),
          fc
            .double({ min: -1e9, max: 1e9, noNaN: true })
            .map((v) => Math.round(v * 1000) / 1000 || 0),
          { minKeys: 1, maxKeys: 5 },
        ),
        (m) => {
          const back = parseMetrics(metricsText(m));
          expect(back).toEqual({ ok: true, metrics: m });
        },
      ),
    );
  });

  it('goes back after sign-in only to a plain address of this site', () => {
    expect(safeReturn('/mo-hinh/6')).toBe('/mo-hinh/6');
    expect(safeReturn('/mo-hinh?q=kh%C3%A1m')).toBe('/mo-hinh?q=kh%C3%A1m');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/mo-hinh?q=khám',
      '/a b',
      42,
    ])
      expect(safeReturn(bad)).toBe('/');
  });
});
