import { reportNameOf } from '../../src/agencies/domain/report-name.js';
import { planRealisation, type RealisationEvent } from '../../src/agencies/domain/realisation.js';
import { linkShapeProblems } from '../../src/agencies/domain/succession-rules.js';
import {
  existsOn,
  holderOn,
  indexSteps,
  type SuccessionStep,
} from '../../src/agencies/domain/succession.js';
import {
  REORGANISATION_2025 as PKG,
  REORGANISATION_2025_FROM,
} from '../../src/agencies/succession/reorganisation-2025.js';
import { AGENCIES } from '../../src/seed/reference-data.js';

/** The package's links as the pure rules take them, agencies by code. */
const steps: SuccessionStep[] = PKG.events.flatMap((e) =>
  e.links.map((l) => ({
    eventId: e.packageKey,
    kind: e.kind,
    effectiveOn: e.effectiveOn,
    legalBasis: e.legalBasis,
    from: l.fromCode,
    to: l.toCode,
    isMain: l.isMain,
    scope: l.scope,
  })),
);
const byFrom = indexSteps(steps);
const holder = (code: string, day: string, mode: 'DUTY' | 'MAIN' = 'DUTY') => {
  const h = holderOn(code, day, byFrom, mode);
  return h.status === 'HELD_BY' ? h.agency : `? ${h.candidates.map((c) => c.to).join(' ')}`;
};

describe('the 2025 reorganisation package (product.md §9)', () => {
  const reference = new Map(AGENCIES.map((a) => [a.code, a]));
  const own = new Map(PKG.agencies.map((a) => [a.code, a]));

  it('ships the events of §9 with their exact legal bases and days', () => {
    expect(
      PKG.events.map((e) => [
        e.packageKey,
        e.kind,
        e.effectiveOn,
        e.legalBasis,
        e.links.map((l) => `${l.toCode}${l.isMain ? '*' : ''}`).join(' '),
      ]),
    ).toEqual([
      [
        'reorganisation-2025/BTTTT',
        'MERGE',
        '2025-03-01',
        'Nghị quyết 176/2025/QH15',
        'BKHCN* BVHTTDL BCA',
      ],
      ['reorganisation-2025/BTNMT', 'MERGE', '2025-03-01', 'Nghị quyết 176/2025/QH15', 'BNNMT*'],
      [
        'reorganisation-2025/BLDTBXH',
        'SPLIT',
        '2025-03-01',
        'Nghị quyết 176/2025/QH15',
        'BNV* BYT BGDDT BCA BNNMT',
      ],
      ['reorganisation-2025/TCT06CP', 'MERGE', '2025-03-13', 'Quyết định 598/QĐ-TTg', 'BCDCP*'],
      ['reorganisation-2025/STTTT', 'MERGE', '2025-03-01', 'Nghị định 45/2025/NĐ-CP', 'SKHCN*'],
      ['reorganisation-2025/STNMT', 'MERGE', '2025-03-01', 'Nghị định 45/2025/NĐ-CP', 'SNNMT*'],
      [
        'reorganisation-2025/SLDTBXH',
        'SPLIT',
        '2025-03-01',
        'Nghị định 45/2025/NĐ-CP',
        'SNV* SYT SGDDT CAT SNNMT',
      ],
      ['reorganisation-2025/SGTVT', 'MERGE', '2025-03-01', 'Nghị định 45/2025/NĐ-CP', 'SXD* CAT'],
      ['reorganisation-2025/SDL', 'MERGE', '2025-03-01', 'Nghị định 45/2025/NĐ-CP', 'SVHTTDL*'],
    ]);
    expect(REORGANISATION_2025_FROM).toBe('2025-03-01');
    expect(PKG.events.find((e) => e.packageKey.endsWith('/SDL'))!.note).toMatch(/cần xác nhận/);
    expect(
      PKG.events
        .find((e) => e.packageKey.endsWith('/SGTVT'))!
        .links.find((l) => l.toCode === 'CAT')!.scope,
    ).toBe('sát hạch, cấp giấy phép lái xe');
  });

  it('notes Ninh Thuận as continuity and BQLKKT as unchanged and unconfirmed', () => {
    const notes = PKG.notes.join('\n');
    expect(notes).toContain('Nghị quyết 202/2025/QH15');
    expect(notes).toMatch(/tiếp nối: các cơ quan của tỉnh Khánh Hòa/);
    expect(notes).toMatch(/BQLKKT.*chưa được xác nhận, nên giữ nguyên/);
    expect(steps.some((s) => s.from === 'BQLKKT')).toBe(false);
  });

  it('holds valid events: known agencies, one main successor each, successors existing on the day', () => {
    for (const e of PKG.events) {
      expect(linkShapeProblems(e.kind, e.links)).toEqual([]);
      for (const l of e.links) {
        expect(reference.has(l.fromCode)).toBe(true);
        const to = own.get(l.toCode) ?? reference.get(l.toCode);
        expect(to).toBeDefined();
        expect(
          existsOn(
            { validFrom: own.get(l.toCode)?.validFrom ?? null, validUntil: null },
            e.effectiveOn,
          ),
        ).toBe(true);
      }
      const froms = new Set(e.links.map((l) => l.fromCode));
      for (const from of froms)
        expect(e.links.filter((l) => l.fromCode === from && l.isMain)).toHaveLength(1);
    }
    expect(new Set(PKG.events.map((e) => e.packageKey)).size).toBe(PKG.events.length);
    for (const a of PKG.agencies) expect(reference.has(a.code)).toBe(false);
    expect(own.get('BNNMT')!.validFrom).toBe('2025-03-01');
    expect(own.get('SNNMT')!.validFrom).toBe('2025-03-01');
    expect(own.get('BCDCP')!.validFrom).toBe('2025-03-13');
  });

  it('names the successors in NFC, the provincial ones as the reference data does', () => {
    for (const a of PKG.agencies) {
      expect(a.name).toBe(a.name.normalize('NFC'));
      expect(a.shortName).toBe(a.shortName.normalize('NFC'));
    }
    const reportName = (code: string) => {
      const a = own.get(code)!;
      return reportNameOf({ ...a, parentName: null });
    };
    expect(reportName('SKHCN')).toBe('Sở Khoa học và Công nghệ');
    expect(reportName('SNNMT')).toBe('Sở Nông nghiệp và Môi trường');
    expect(reportName('SNV')).toBe('Sở Nội vụ');
    expect(reportName('SXD')).toBe('Sở Xây dựng');
    expect(reportName('SVHTTDL')).toBe('Sở Văn hóa, Thể thao và Du lịch');
    expect(reportName('BKHCN')).toBe('Bộ Khoa học và Công nghệ');
    expect(reportName('BCDCP')).toBe(
      'Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06',
    );
    for (const a of PKG.agencies.filter((a) => a.kind === 'PROVINCIAL_DEPARTMENT'))
      expect(a.name).toMatch(/^Sở .+ tỉnh Khánh Hòa$/);
  });

  it('moves duties on their day, never before; a split or a merge with parts is left to the secretariat', () => {
    expect(holder('BTNMT', '2025-02-28')).toBe('BTNMT');
    expect(holder('BTNMT', '2025-03-01')).toBe('BNNMT');
    expect(holder('TCT06CP', '2025-03-12')).toBe('TCT06CP');
    expect(holder('TCT06CP', '2025-03-13')).toBe('BCDCP');
    expect(holder('STTTT', '2026-12-02')).toBe('SKHCN');
    expect(holder('SDL', '2026-12-02')).toBe('SVHTTDL');
    expect(holder('BTTTT', '2026-12-02')).toBe('? BKHCN BCA BVHTTDL');
    expect(holder('BLDTBXH', '2026-12-02')).toBe('? BNV BCA BGDDT BNNMT BYT');
    expect(holder('SGTVT', '2026-12-02')).toBe('? SXD CAT');
    expect(holder('BTTTT', '2026-12-02', 'MAIN')).toBe('BKHCN');
    expect(holder('SLDTBXH', '2026-12-02', 'MAIN')).toBe('SNV');
    expect(holder('SYT', '2026-12-02')).toBe('SYT');
  });
});

describe('realising succession events (domain/realisation.ts)', () => {
  const event = (key: string, effectiveOn: string, links: string[]): RealisationEvent => ({
    key,
    effectiveOn,
    // "A>B*" is a main link, "A>B:scope" a part.
    links: links.map((l) => {
      const [from, rest] = l.split('>');
      const [to, scope] = rest.replace('*', '').split(':');
      return { from, to, isMain: rest.endsWith('*'), scope: scope ?? null };
    }),
  });

  it('moves officers, lead agencies and focal points to the main successor, in order along a chain', () => {
    const moves = planRealisation(
      [event('e2', '2025-06-01', ['B>C*']), event('e1', '2025-03-01', ['A>B*', 'A>X:part'])],
      {
        officers: [{ id: 'u1', email: 'a@x.example', agency: 'A' }],
        leads: [{ id: 'r1', pilot: 7, agency: 'A', position: 0 }],
        focalPoints: new Map([['A', ['dau-moi@a.example']]]),
      },
    );
    expect(moves.map((m) => `${m.event} ${m.kind} ${m.from}→${'to' in m ? m.to : ''}`)).toEqual([
      'e1 OFFICER A→B',
      'e1 LEAD_AGENCY A→B',
      'e1 FOCAL_POINTS A→B',
      'e2 OFFICER B→C',
      'e2 LEAD_AGENCY B→C',
      'e2 FOCAL_POINTS B→C',
    ]);
    const lead = moves.find((m) => m.kind === 'LEAD_AGENCY' && m.event === 'e1');
    expect(lead).toMatchObject({
      rowId: 'r1',
      effectiveOn: '2025-03-01',
      partsElsewhere: [{ to: 'X', scope: 'part' }],
    });
    expect(moves.find((m) => m.kind === 'LEAD_AGENCY' && m.event === 'e2')).toMatchObject({
      rowId: null,
      position: 0,
    });
  });

  it('opens no second row for a successor that already leads the pilot, and leaves a successor its own focal points', () => {
    const moves = planRealisation([event('e', '2025-03-01', ['A>B*'])], {
      officers: [],
      leads: [
        { id: 'r1', pilot: 14, agency: 'B', position: 0 },
        { id: 'r2', pilot: 14, agency: 'A', position: 1 },
      ],
      focalPoints: new Map([
        ['A', ['a@a.example']],
        ['B', ['b@b.example']],
      ]),
    });
    expect(moves).toEqual([
      expect.objectContaining({ kind: 'LEAD_AGENCY', rowId: 'r2', successorAlreadyLeads: true }),
      expect.objectContaining({ kind: 'FOCAL_POINTS', carried: false, emails: ['a@a.example'] }),
    ]);
  });

  it('moves nothing of an agency split with no main successor', () => {
    const moves = planRealisation([event('e', '2025-03-01', ['A>B', 'A>C'])], {
      officers: [{ id: 'u1', email: 'a@x.example', agency: 'A' }],
      leads: [{ id: 'r1', pilot: 1, agency: 'A', position: 0 }],
      focalPoints: new Map([['A', ['a@a.example']]]),
    });
    expect(moves).toEqual([
      { kind: 'NO_MAIN_SUCCESSOR', event: 'e', from: 'A', candidates: ['B', 'C'] },
    ]);
  });
});
