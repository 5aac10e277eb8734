import {
  dayBefore,
  fromAgencyProblem,
  linkShapeProblems,
  successionLoop,
  toAgencyProblem,
} from '../../src/agencies/domain/succession-rules.js';
import {
  existsOn,
  holderOn,
  indexSteps,
  type SuccessionStep,
} from '../../src/agencies/domain/succession.js';

// The 2025 reorganisation in miniature (product.md §9), by code.
let serial = 0;
const step = (
  eventId: string,
  effectiveOn: string,
  from: string,
  to: string,
  isMain = false,
): SuccessionStep => ({
  eventId,
  kind: 'MERGE',
  effectiveOn,
  legalBasis: `Căn cứ ${++serial}`,
  from,
  to,
  isMain,
  scope: null,
});

const MERGE = step('e1', '2025-03-01', 'BTTTT', 'BKHCN', true);
const SPLIT = [
  step('e2', '2025-03-01', 'BLDTBXH', 'BNV', true),
  step('e2', '2025-03-01', 'BLDTBXH', 'BYT'),
  step('e2', '2025-03-01', 'BLDTBXH', 'BGDDT'),
];
const SPLIT_NO_MAIN = [
  step('e3', '2025-03-01', 'SLDTBXH', 'SNV'),
  step('e3', '2025-03-01', 'SLDTBXH', 'SYT'),
];
const LATER = step('e4', '2026-01-01', 'BKHCN', 'BKHCNDMST', true);

describe('holderOn', () => {
  const byFrom = indexSteps([MERGE, ...SPLIT, ...SPLIT_NO_MAIN, LATER]);

  it('keeps an agency no event touches', () => {
    expect(holderOn('BYT', '2026-12-02', byFrom, 'DUTY')).toEqual({
      status: 'HELD_BY',
      agency: 'BYT',
      path: [],
    });
  });

  it('follows a merge from its effective day, and not the day before', () => {
    expect(holderOn('BTTTT', '2025-02-28', byFrom, 'DUTY')).toMatchObject({
      status: 'HELD_BY',
      agency: 'BTTTT',
      path: [],
    });
    expect(holderOn('BTTTT', '2025-03-01', byFrom, 'DUTY')).toEqual({
      status: 'HELD_BY',
      agency: 'BKHCN',
      path: [MERGE],
    });
  });

  it('leaves a split ambiguous for a duty, main successor first among the candidates', () => {
    const held = holderOn('BLDTBXH', '2025-06-01', byFrom, 'DUTY');
    expect(held.status).toBe('AMBIGUOUS');
    if (held.status !== 'AMBIGUOUS') return;
    expect(held.at).toBe('BLDTBXH');
    expect(held.candidates.map((c) => c.to)).toEqual(['BNV', 'BGDDT', 'BYT']);
    expect(held.path).toEqual([]);
  });

  it('follows the main successor of a split for the organisation (MAIN)', () => {
    expect(holderOn('BLDTBXH', '2025-06-01', byFrom, 'MAIN')).toMatchObject({
      status: 'HELD_BY',
      agency: 'BNV',
    });
  });

  it('leaves a split without a main successor ambiguous even for MAIN', () => {
    expect(holderOn('SLDTBXH', '2025-06-01', byFrom, 'MAIN')).toMatchObject({
      status: 'AMBIGUOUS',
      at: 'SLDTBXH',
    });
  });

  it('follows a chain of two, each from its own day', () => {
    expect(holderOn('BTTTT', '2025-12-31', byFrom, 'DUTY')).toMatchObject({ agency: 'BKHCN' });
    expect(holderOn('BTTTT', '2026-01-01', byFrom, 'DUTY')).toEqual({
      status: 'HELD_BY',
      agency: 'BKHCNDMST',
      path: [MERGE, LATER],
    });
  });

  it('ignores a future-dated event before its day', () => {
    const future = indexSteps([step('f', '2027-07-01', 'SYT', 'SYTM', true)]);
    expect(holderOn('SYT', '2026-12-02', future, 'DUTY')).toMatchObject({ agency: 'SYT' });
    expect(holderOn('SYT', '2027-06-30', future, 'MAIN')).toMatchObject({ agency: 'SYT' });
    expect(holderOn('SYT', '2027-07-01', future, 'DUTY')).toMatchObject({ agency: 'SYTM' });
  });

  it('refuses to run round a loop in the data', () => {
    const loop = indexSteps([step('a', '2025-01-01', 'X', 'Y'), step('b', '2025-02-01', 'Y', 'X')]);
    expect(() => holderOn('X', '2025-03-01', loop, 'DUTY')).toThrow(/loops/);
    // Before the second event's day there is no loop yet.
    expect(holderOn('X', '2025-01-15', loop, 'DUTY')).toMatchObject({ agency: 'Y' });
  });
});

describe('succession rules', () => {
  it('finds a loop the new links would close, and none in a tree', () => {
    expect(
      successionLoop([
        { from: 'A', to: 'B' },
        { from: 'B', to: 'C' },
      ]),
    ).toBeNull();
    expect(
      successionLoop([
        { from: 'A', to: 'B' },
        { from: 'B', to: 'C' },
        { from: 'C', to: 'A' },
      ]),
    ).toEqual(['A', 'B', 'C', 'A']);
    // A split whose branches meet again is no loop.
    expect(
      successionLoop([
        { from: 'A', to: 'B' },
        { from: 'A', to: 'C' },
        { from: 'B', to: 'D' },
        { from: 'C', to: 'D' },
      ]),
    ).toBeNull();
  });

  it('refuses a self link, a repeated link, two mains for one agency, a rename of two', () => {
    expect(linkShapeProblems('MERGE', [{ fromCode: 'A', toCode: 'B' }])).toEqual([]);
    expect(linkShapeProblems('MERGE', [])).toHaveLength(1);
    expect(linkShapeProblems('MERGE', [{ fromCode: 'A', toCode: 'A' }])).toEqual([
      { field: 'links.0.toCode', problem: 'Cơ quan A không thể kế thừa chính mình' },
    ]);
    expect(
      linkShapeProblems('SPLIT', [
        { fromCode: 'A', toCode: 'B' },
        { fromCode: 'A', toCode: 'B' },
      ]).map((p) => p.field),
    ).toEqual(['links.1']);
    expect(
      linkShapeProblems('SPLIT', [
        { fromCode: 'A', toCode: 'B', isMain: true },
        { fromCode: 'A', toCode: 'C', isMain: true },
      ]).map((p) => p.field),
    ).toEqual(['links']);
    expect(
      linkShapeProblems('RENAME', [
        { fromCode: 'A', toCode: 'B' },
        { fromCode: 'A', toCode: 'C' },
      ]),
    ).toHaveLength(1);
  });

  it('wants the old agency up to the day and the new one on it', () => {
    expect(dayBefore('2025-03-01')).toBe('2025-02-28');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    const alive = { code: 'A', validFrom: null, validUntil: null };
    expect(fromAgencyProblem(alive, '2025-03-01')).toBeNull();
    // Already ended on the event's own day (entered before the event): still fine.
    expect(fromAgencyProblem({ ...alive, validUntil: '2025-03-01' }, '2025-03-01')).toBeNull();
    expect(fromAgencyProblem({ ...alive, validUntil: '2025-01-01' }, '2025-03-01')).toMatch(
      /không tồn tại/,
    );
    expect(toAgencyProblem({ ...alive, validFrom: '2025-03-02' }, '2025-03-01')).toMatch(
      /không tồn tại/,
    );
    expect(toAgencyProblem({ ...alive, validFrom: '2025-03-01' }, '2025-03-01')).toBeNull();
    expect(existsOn({ validFrom: null, validUntil: '2025-03-01' }, '2025-03-01')).toBe(false);
  });
});
