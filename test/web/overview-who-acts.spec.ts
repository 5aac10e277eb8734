import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

const NOW = new Date('2024-01-15T03:00:00Z'); // a Monday: "last Monday" is 08/01/2024

/** The markup of one blocked pilot's entry, or one blocker's, by its data attribute. */
function entry(html: string, attribute: string, value: string): string {
  const start = html.indexOf(`${attribute}="${value}"`);
  if (start < 0) throw new Error(`no ${attribute}=${value} on the page`);
  const end = html.indexOf(`${attribute}="`, start + 1);
  return html.slice(start, end < 0 ? undefined : end);
}

/** The "changes since" card. */
function changes(html: string): string {
  const start = html.indexOf('id="thay-doi"');
  if (start < 0) throw new Error('no changes card');
  return html.slice(start, html.indexOf('</section>', start));
}

function chartJson(html: string) {
  const m = /<script type="application\/json" id="overview-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no chart data on the page');
  return JSON.parse(m[1]) as {
    labels: string[];
    periods: string[];
    gaps: string[];
    datasets: { state: string; data: (number | null)[] }[];
  };
}

/*
 * Issue 16, item 6: leadership's overview says who must act — each blocked pilot's lead agency,
 * each blocker's authority, age and holder now —, what changed since a day, and draws its chart
 * over consecutive months.
 */
describe('web: the overview says who must act, and what changed', () => {
  let t: TestApp;
  let web: WebClient;
  const tokens: Record<string, string> = {};
  const api = async <T = any>(who: string, method: string, path: string, body?: unknown) => {
    const res = await t.request<T>(method, `/api/v1${path}`, { token: tokens[who], body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.raw}`);
    return res.body;
  };
  const openBlockers = async (): Promise<any[]> => [
    ...(await api('thuky', 'GET', '/blockers?state=OPEN&limit=100')).items,
    ...(await api('thuky', 'GET', '/blockers?state=ESCALATED&limit=100')).items,
  ];

  /** The overview as leadership sees it; a page that failed would hide what is asserted. */
  const overview = async (query = ''): Promise<string> => {
    const res = await web.get(`/tong-quan${query}`);
    if (res.status !== 200)
      throw new Error(`/tong-quan${query}: ${res.status}\n${textOf(res.html)}`);
    return res.html;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    tokens.thuky = await t.login('thuky@demo.example');
    web = await WebClient.signedIn(t, 'lanhdao@demo.example');
  });
  afterAll(() => t.close());

  it("names each blocked pilot's lead agency, whole, and each blocker's authority and age", async () => {
    const html = await overview();
    const pilot25 = (await api('thuky', 'GET', '/pilots/25')) as any;
    const item = entry(html, 'data-pilot', '25');
    // The whole name, not cut: "…" nowhere in the list.
    expect(textOf(item)).toContain(pilot25.name);
    expect(textOf(item)).toContain('Đơn vị chủ trì: Sở Tài nguyên và Môi trường tỉnh Khánh Hòa');
    const card = html.slice(html.indexOf('aria-labelledby="blocked-title"'));
    expect(textOf(card.slice(0, card.indexOf('</section>')))).not.toContain('…');
    // Pilot 25's blocker was first raised with letter 3829 of 22/09/2023: 115 days before NOW.
    const [blocker] = (await openBlockers()).filter((b) => b.pilotNumber === 25);
    const facts = entry(html, 'data-blocker', blocker.id);
    expect(facts).toContain('data-authority="CENTRAL"');
    expect(textOf(facts)).toContain('Thẩm quyền Trung ương · nêu từ 22/09/2023, 115 ngày');
    expect(facts).toContain('data-age-days="115"');
    // No stylesheet cuts a pilot's name any more.
    const css = await (await fetch(new URL('/static/overview.css', web.baseUrl))).text();
    expect(css).not.toContain('text-overflow: ellipsis');
  });

  it('says who holds each open blocker now: the ministry a letter waits on, the secretariat, the agency', async () => {
    const blockers = await openBlockers();
    const letters = (await api('thuky', 'GET', '/recommendations?limit=100')).items as any[];
    const html = await overview();

    // Pilot 25's blocker waits on the addressees of 3829/STNMT-VPĐKĐĐ, still owing an answer.
    const b25 = blockers.find((b) => b.pilotNumber === 25);
    const letter = letters.find((r) => r.blockers.some((x: any) => x.id === b25.id));
    expect(letter.documentNumber).toBe('3829/STNMT-VPĐKĐĐ');
    const held = entry(html, 'data-blocker', b25.id);
    expect(held).toContain('data-holder="MINISTRY"');
    for (const a of letter.addressees) expect(textOf(held)).toContain(a.name);
    expect(held).toContain(`href="/kien-nghi/${letter.id}"`);
    expect(textOf(held)).toContain('quá hạn');

    // A province-level blocker with no letter is its lead agency's to solve.
    const province = blockers.find(
      (b) =>
        b.authority === 'PROVINCE' &&
        b.pilotNumber !== null &&
        !letters.some((r) => r.blockers.some((x: any) => x.id === b.id)),
    );
    expect(province).toBeDefined();
    const pilot = (await api('thuky', 'GET', `/pilots/${province.pilotNumber}`)) as any;
    const agency = entry(html, 'data-blocker', province.id);
    expect(agency).toContain('data-holder="AGENCY"');
    expect(textOf(agency)).toContain(pilot.leadAgencies[0].name);

    // A new CENTRAL blocker with no letter yet waits on the secretariat.
    const raised = await api('thuky', 'POST', '/blockers', {
      pilotNumber: 1,
      title: 'Chưa có hướng dẫn của Bộ Công an về xác thực điện tử mức độ 2',
      description: 'Cần Bộ Công an hướng dẫn.',
      category: 'GUIDANCE',
      authority: 'CENTRAL',
    });
    const after = await overview();
    const secretariat = entry(after, 'data-blocker', raised.id);
    expect(secretariat).toContain('data-holder="SECRETARIAT"');
    expect(textOf(secretariat)).toContain('Thư ký Tổ công tác (chưa có kiến nghị gửi Trung ương)');
    expect(entry(after, 'data-pilot', '1')).toContain('Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa');
  });

  it('lists what changed since last Monday: moves, blockers raised and resolved, answers', async () => {
    // Pilot 3 moves, a blocker is raised (the test above) and one resolved, a letter is answered.
    const pilot3 = (await api('thuky', 'GET', '/pilots/3')) as any;
    await api('thuky', 'POST', '/pilots/3/transitions', {
      to: 'PREPARING',
      version: pilot3.version,
    });
    const province = (await openBlockers()).find(
      (b) => b.authority === 'PROVINCE' && b.pilotNumber !== null,
    );
    await api('thuky', 'POST', `/blockers/${province.id}/resolve`, {
      resolution: 'Nhà cung cấp đã hướng dẫn.',
      version: province.version,
    });
    const letter = ((await api('thuky', 'GET', '/recommendations?limit=100')).items as any[]).find(
      (r) => r.state === 'SENT' && r.addressees.length === 1,
    );
    await api('thuky', 'POST', `/recommendations/${letter.id}/responses`, {
      documentNumber: '21/BYT-CNTT',
      date: '2024-01-12',
      summary: 'Trả lời.',
    });

    const card = changes(await overview());
    expect(textOf(card)).toContain('Thay đổi từ ngày 08/01/2024');
    expect(card).toContain('value="08/01/2024"');
    const moves = entry(card, 'data-changes', 'moves');
    expect(moves).toContain('href="/mo-hinh/3"');
    expect(textOf(moves)).toContain('Chưa ghi nhận → chuyển sang Đang chuẩn bị (15/01/2024)');
    expect(textOf(entry(card, 'data-changes', 'raised'))).toContain(
      'Chưa có hướng dẫn của Bộ Công an về xác thực điện tử mức độ 2',
    );
    const closed = entry(card, 'data-changes', 'closed');
    expect(textOf(closed)).toContain(province.title);
    expect(textOf(closed)).toMatch(/\(đã giải quyết \d{2}\/\d{2}\/\d{4}\)/);
    const answers = entry(card, 'data-changes', 'answers');
    expect(answers).toContain(`href="/kien-nghi/${letter.id}"`);
    expect(textOf(answers)).toContain('21/BYT-CNTT ngày 12/01/2024');

    // Another day, in either form: the same changes, counted from it.
    const today = textOf(changes(await overview('?tu=15/01/2024')));
    expect(today).toContain('Thay đổi từ ngày 15/01/2024');
    expect(today).toContain('Mô hình chuyển trạng thái (1)');
    const december = textOf(changes(await overview('?tu=2023-12-21')));
    expect(december).toContain('Thay đổi từ ngày 21/12/2023');
    expect(december).toContain('Kiến nghị được trả lời (1)');
  });

  it('refuses a day that is not one, or after today, beside its field, and counts from last Monday', async () => {
    for (const tu of ['31/02/2024', '16/01/2024', 'hôm qua']) {
      const res = await web.get(`/tong-quan?tu=${encodeURIComponent(tu)}`);
      expect(res.status).toBe(200);
      const card = changes(res.html);
      expect(textOf(card)).toContain('Thay đổi từ ngày 08/01/2024');
      expect(card).toContain('Nhập một ngày có thật, không sau hôm nay, theo dạng dd/mm/yyyy.');
      expect(card).toContain(`value="${tu}"`);
    }
  });

  it('draws the chart over consecutive months: a month with no figures is an empty column', async () => {
    // A period locked two months before December 2023 puts November 2023 between them, empty.
    await api('thuky', 'POST', '/periods/2023-10/lock');
    const html = await overview();
    const chart = chartJson(html);
    expect(chart.periods).toEqual(['2023-10', '2023-11', '2023-12', '2024-01']);
    expect(chart.gaps).toEqual(['2023-11']);
    for (const d of chart.datasets) {
      expect(d.data[1]).toBeNull();
      expect(d.data[2]).not.toBeNull();
    }
    expect(textOf(html)).toContain('Cột trống: tháng không có báo cáo nào (11/2023).');
    expect(html).toMatch(/4 tháng, từ 10\/2023 đến 01\/2024[^,"]*, 1 tháng không có số liệu/);
  });
});
