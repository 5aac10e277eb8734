import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

interface Letter {
  id: string;
  documentNumber: string | null;
  summary: string;
  senderAgency: { code: string } | null;
  addressees: { code: string }[];
  blockers: { pilotNumber: number | null; topic: string | null }[];
  ofUserAgency: boolean;
}

/*
 * Issue 12, item 6: the letters list filters by agency (sender, addressee, or lead agency of a
 * pilot the letter is about), pilot and addressee, and an officer sees their own agency's letters
 * first. On the December 2023 data, SYT (Sở Y tế) has three letters: its own 4338/SYT-TCHC, 442's
 * recommendation about the COVID-19 data that quotes 4338, and 442's recommendation for pilot 6,
 * which SYT leads; search found only the first two, as the third names neither SYT nor Sở Y tế.
 */
describe('the letters list: agency, pilot and addressee filters, own agency first', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const list = async (who: string, query: string): Promise<{ items: Letter[]; total: number }> => {
    const res = await t.request('GET', `/api/v1/recommendations?limit=100&${query}`, {
      token: tokens[who],
    });
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${res.raw}`);
    return res.body;
  };
  /** "4338/SYT-TCHC", "442/BC-TCTĐA06 (mô hình 6)", "442/BC-TCTĐA06 (Làm sạch dữ liệu…)". */
  const named = (r: Letter) =>
    r.documentNumber === '442/BC-TCTĐA06'
      ? `442 (${r.blockers.map((b) => (b.pilotNumber ? `mô hình ${b.pilotNumber}` : b.topic)).join(', ')})`
      : r.documentNumber;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    for (const who of ['thuky', 'syt', 'bqlkkt'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t.close());

  it("finds all three of SYT's letters by searching for SYT, with or without the agency's name", async () => {
    const expected = [
      '4338/SYT-TCHC',
      '442 (Làm sạch dữ liệu tiêm chủng COVID-19)',
      '442 (mô hình 6)',
    ];
    const found = await list('thuky', 'q=SYT');
    expect(found.items.map(named).sort()).toEqual(expected.sort());
    expect(found.total).toBe(3);
    // Without diacritics, by the agency's name: SYT's and Bộ Y tế's letters alike.
    const byName = (await list('thuky', 'q=so%20y%20te')).items.map(named);
    expect(byName).toEqual(expect.arrayContaining(expected));
  });

  it('filters by agency: the letters it sent, was asked in, or that concern a pilot it leads', async () => {
    expect((await list('thuky', 'agency=SYT')).items.map(named).sort()).toEqual(
      ['4338/SYT-TCHC', '442 (mô hình 6)'].sort(),
    );
    const bca = (await list('thuky', 'agency=BCA')).items;
    expect(bca.length).toBeGreaterThan(0);
    expect(
      bca.every(
        (r) => r.senderAgency?.code === 'BCA' || r.addressees.some((a) => a.code === 'BCA'),
      ),
    ).toBe(true);
    // Pilot 9 is BQLKKT's: its letter is BQLKKT's though BQLKKT neither sent it nor is asked in it.
    expect((await list('thuky', 'agency=BQLKKT')).items.map(named)).toEqual(['442 (mô hình 9)']);
    expect((await list('thuky', 'agency=KHONGCO')).total).toBe(0);
    const bad = await t.request('GET', '/api/v1/recommendations?agency=syt', {
      token: tokens.thuky,
    });
    expect([bad.status, bad.body.code, bad.body.details.fields[0].field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'agency',
    ]);
  });

  it('combines agency, pilot and addressee filters', async () => {
    expect((await list('thuky', 'pilot=6')).items.map(named)).toEqual(['442 (mô hình 6)']);
    expect((await list('thuky', 'agency=SYT&pilot=6')).items.map(named)).toEqual([
      '442 (mô hình 6)',
    ]);
    expect((await list('thuky', 'agency=SYT&addressee=BCA')).items.map(named)).toEqual([
      '442 (mô hình 6)',
    ]);
    expect((await list('thuky', 'agency=SYT&addressee=BYT_CNTT')).items.map(named)).toEqual([
      '4338/SYT-TCHC',
    ]);
    expect((await list('thuky', 'agency=SYT&pilot=5')).total).toBe(0);
  });

  it("puts an officer's own agency's letters first, in either order; nobody else's list changes", async () => {
    for (const sort of ['', 'sort=urgency']) {
      const mine = await list('syt', sort);
      const own = mine.items.filter((r) => r.ofUserAgency).map(named);
      expect(own.sort()).toEqual(['4338/SYT-TCHC', '442 (mô hình 6)'].sort());
      expect(mine.items.slice(0, 2).every((r) => r.ofUserAgency)).toBe(true);
      const secretariat = await list('thuky', sort);
      expect(secretariat.total).toBe(mine.total);
      expect(secretariat.items.some((r) => r.ofUserAgency)).toBe(false);
      // A page at a time, the officer's first page starts with their own letters too.
      const first = await t.request('GET', `/api/v1/recommendations?limit=1&${sort}`, {
        token: tokens.syt,
      });
      expect(first.body.items[0].ofUserAgency).toBe(true);
      expect(first.body.total).toBe(mine.total);
    }
    const other = (await list('bqlkkt', '')).items;
    expect(other.filter((r) => r.ofUserAgency).map(named)).toEqual(['442 (mô hình 9)']);
    expect(other[0].ofUserAgency).toBe(true);
  });
});
