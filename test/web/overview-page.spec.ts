import { FixedClock } from '../../src/common/clock.js';
import type { DashboardView } from '../../src/dashboard/dashboard.view.js';
import type { BlockerView } from '../../src/blockers/blocker.view.js';
import type { OverviewView } from '../../src/documents/overview/overview.view.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';
import { SESSION_COOKIE } from '../../src/web/web-sessions.js';

const NOW = new Date('2024-01-15T03:00:00Z');
const STATE_LABELS = [
  'Chưa ghi nhận',
  'Đang chuẩn bị',
  'Đang thí điểm',
  'Đang vận hành',
  'Hoàn thành',
  'Tạm dừng',
];

/** The headline tiles: `data-count` key → the integer shown. */
function tiles(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  const re = /data-count="([a-z-]+)"[^>]*>\s*<span class="value">([^<]*)<\/span>/g;
  for (const m of html.matchAll(re)) out[m[1]] = Number(m[2].trim());
  return out;
}

function chartJson(html: string) {
  const m = /<script type="application\/json" id="overview-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no chart data on the page');
  return JSON.parse(m[1]) as {
    labels: string[];
    periods: string[];
    datasets: { state: string; label: string; data: number[] }[];
  };
}

/** The markup of one panel of the page, by its heading id. */
function section(html: string, headingId: string): string {
  const start = html.indexOf(`aria-labelledby="${headingId}"`);
  if (start < 0) throw new Error(`no section ${headingId}`);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('web: leadership overview /tong-quan', () => {
  let t: TestApp;
  let lanhdao: string;
  let thuky: string;
  let web: WebClient;

  const api = async <T>(path: string, token = lanhdao): Promise<T> => {
    const res = await t.request<T>('GET', `/api/v1${path}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    lanhdao = await t.login('lanhdao@demo.example');
    thuky = await t.login('thuky@demo.example');
    web = await WebClient.signedIn(t, 'lanhdao@demo.example');
  });
  afterAll(() => t.close());

  it('sends a signed-out browser to sign in, and back here afterwards', async () => {
    const anonymous = await WebClient.of(t);
    const res = await anonymous.get('/tong-quan');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dang-nhap?tiep=%2Ftong-quan');
  });

  it('lets leadership download the monthly report of the period it shows', async () => {
    const page = await web.get('/tong-quan?ky=2023-12');
    expect(page.html).toContain('href="/tong-quan/2023-12/bao-cao.docx"');
    expect(page.html).toContain('href="/tong-quan/2023-12/bao-cao.xlsx"');
    for (const [format, type] of [
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]) {
      const res = await fetch(new URL(`/tong-quan/2023-12/bao-cao.${format}`, web.baseUrl), {
        headers: { cookie: `${SESSION_COOKIE}=${web.cookie(SESSION_COOKIE)}` },
      });
      expect([format, res.status, res.headers.get('content-type')]).toEqual([format, 200, type]);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 2)
          .toString('latin1'),
      ).toBe('PK');
    }
    expect((await web.get('/tong-quan/2023-13/bao-cao.docx')).status).toBe(404);
  });

  it('lands leadership here after sign-in', async () => {
    const res = await web.get('/');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/tong-quan');
  });

  it('shows the headline counts exactly as GET /dashboard computes them, with the period and time', async () => {
    const res = await web.get('/tong-quan');
    expect(res.status).toBe(200);
    const d = await api<DashboardView>('/dashboard');
    expect(tiles(res.html)).toEqual({
      'pilots-total': Object.values(d.pilotsByState).reduce((a, b) => a + b, 0),
      'pilots-live': d.pilotsByState.OPERATING + d.pilotsByState.COMPLETED,
      'pilots-blocked': d.blockedPilots.length,
      'open-blockers': d.openBlockers.total,
      'overdue-recommendations': d.overdueRecommendations.total,
      'pilots-without-report': d.pilotsWithoutReport.length,
    });
    expect(tiles(res.html)['pilots-total']).toBe(31);
    const text = textOf(res.html);
    expect(text).toContain('Tháng 01/2024');
    expect(text).toContain('Số liệu tính đến 15/01/2024 10:00');
    // The per-state breakdown, in Vietnamese with the badges' colours.
    for (const [state, n] of Object.entries(d.pilotsByState)) {
      expect(res.html).toMatch(
        new RegExp(
          `data-state="${state}"><span class="badge state-${state.toLowerCase()}">[^<]+</span> <strong>${n}</strong>`,
        ),
      );
    }
    expect(text).toContain('Đang vận hành 7');
    expect(res.html).toContain('aria-current="page"');
    expect(res.html).toMatch(
      /<button type="button" class="print-button no-print" data-print>\s*In trang/,
    );
  });

  it('puts one chart entry per period of the trend, with Vietnamese state labels, for overview.js', async () => {
    const res = await web.get('/tong-quan');
    const o = await api<OverviewView>('/reports/overview');
    const chart = chartJson(res.html);
    expect(o.trend.length).toBeGreaterThan(0);
    // The periods with reports, then the period on screen, which has none yet: states as they stand.
    expect(o.trend.map((p) => p.period)).not.toContain(o.period);
    const points = [...o.trend, { period: o.period, byState: o.pilots.byState }];
    expect(chart.periods).toEqual(points.map((p) => p.period));
    expect(chart.labels).toEqual([
      ...o.trend.map((p) => `${p.period.slice(5)}/${p.period.slice(0, 4)}`),
      `${o.period.slice(5)}/${o.period.slice(0, 4)} (chưa báo cáo)`,
    ]);
    expect(chart.labels).toContain('12/2023');
    expect(chart.datasets.map((d) => d.label)).toEqual(STATE_LABELS);
    for (const d of chart.datasets) {
      expect(d.data).toEqual(points.map((p) => p.byState[d.state as keyof typeof p.byState]));
    }
    // The canvas, its accessible name and the table for those who cannot see it.
    expect(res.html).toMatch(
      /<canvas\s+id="state-chart"\s+role="img"\s+aria-label="Biểu đồ cột chồng/,
    );
    const table = textOf(section(res.html, 'trend-title'));
    expect(table).toContain(`Kỳ ${STATE_LABELS.join(' ')} Tổng 12/2023 8 8 8 7 0 0 31`);
    // Chart.js from the service itself, then the page's script; no inline script.
    expect(res.html).toMatch(
      /src="\/static\/chart\.umd\.min\.js\?v=[^"]+" defer><\/script>\s*<script src="\/static\/overview\.js/,
    );
    expect(res.html).not.toMatch(/<script>(?!<\/script>)/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('lists each blocked pilot with its open blockers, and a new one appears with its Vietnamese title intact', async () => {
    const title = 'Chưa có hướng dẫn kết nối <dữ liệu> hộ tịch & CCCD gắn chip — Bộ Tư pháp';
    const created = await t.request<BlockerView>('POST', '/api/v1/blockers', {
      token: thuky,
      body: {
        pilotNumber: 4,
        title,
        description: 'Bệnh viện chưa đối chiếu được dữ liệu khai sinh với CSDLQG về dân cư.',
        category: 'GUIDANCE',
        authority: 'CENTRAL',
      },
    });
    expect(created.status).toBe(201);

    const res = await web.get('/tong-quan');
    const d = await api<DashboardView>('/dashboard');
    expect(d.blockedPilots.map((p) => p.number)).toContain(4);
    const panel = section(res.html, 'blocked-title');
    const text = textOf(panel);
    const open = [
      ...(await api<{ items: BlockerView[] }>('/blockers?state=OPEN&limit=100')).items,
      ...(await api<{ items: BlockerView[] }>('/blockers?state=ESCALATED&limit=100')).items,
    ];
    expect(open.length).toBe(d.openBlockers.total);
    for (const p of d.blockedPilots) {
      expect(panel).toContain(`href="/mo-hinh/${p.number}"`);
      expect(text).toContain(`${p.number} ${p.name}`);
    }
    for (const b of open) expect(text).toContain(b.title);
    // Pilot 4 and its blocker, diacritics and special characters intact and escaped.
    expect(text).toContain('4 Khám chữa bệnh sử dụng thẻ CCCD và VNeID');
    expect(text).toContain(title);
    expect(panel).toContain('&lt;dữ liệu&gt; hộ tịch &amp; CCCD');
    expect(panel).not.toContain('<dữ liệu>');
    expect(text).toContain(
      'Bệnh viện phải nhập liệu trùng lặp trên phần mềm HIS và phần mềm ASM Đã kiến nghị TW',
    );
    expect(text).toContain('Vướng mắc chung, không gắn với một mô hình');
    expect(tiles(res.html)['pilots-blocked']).toBe(d.blockedPilots.length);
    expect(tiles(res.html)['open-blockers']).toBe(d.openBlockers.total);
  });

  it('shows overdue letters by addressee and the agencies missing this period’s report', async () => {
    const res = await web.get('/tong-quan');
    const d = await api<DashboardView>('/dashboard');
    const o = await api<OverviewView>('/reports/overview');
    expect(d.overdueRecommendations.byAddressee.length).toBeGreaterThan(0);
    const overdue = section(res.html, 'overdue-title');
    for (const a of d.overdueRecommendations.byAddressee) {
      const row = new RegExp(
        `data-addressee="${a.code}">[\\s\\S]*?<td class="num">${a.count}</td>[\\s\\S]*?ngày LV`,
      );
      expect(overdue).toMatch(row);
    }
    expect(overdue).toContain('href="/kien-nghi');
    expect(textOf(overdue)).toContain('Bộ Công an');

    const missing = section(res.html, 'missing-title');
    expect(textOf(missing)).toContain('Đơn vị chưa báo cáo tháng 01/2024');
    const pilots = d.pilotsWithoutReport.map((p) => p.number).sort((a, b) => a - b);
    const listed = [...missing.matchAll(/href="\/mo-hinh\/(\d+)"/g)]
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    expect(listed).toEqual(pilots);
    for (const a of o.leadAgencies.filter((x) => x.reportsMissing > 0)) {
      expect(missing).toContain(`data-agency="${a.code}"`);
      expect(textOf(missing)).toContain(`${a.reportsMissing}/${a.total}`);
    }
    expect(textOf(missing)).toContain('Sở Y tế');
  });

  it('shows a past period through ?ky, and keeps a refused period beside its field', async () => {
    const past = await web.get('/tong-quan?ky=2023-12');
    expect(past.status).toBe(200);
    const o = await api<OverviewView>('/reports/overview?period=2023-12');
    expect(textOf(past.html)).toContain('Tháng 12/2023');
    expect(textOf(past.html)).toContain('Đang xem kỳ tháng 12/2023');
    expect(tiles(past.html)['pilots-without-report']).toBe(o.pilots.reportsMissing);
    expect(past.html).toMatch(/<option value="2023-12"\s+selected>/);

    const wrong = await web.get('/tong-quan?ky=2023-13');
    expect(wrong.status).toBe(400);
    expect(wrong.html).toMatch(
      /<select\s+id="ky"\s+name="ky"\s+aria-invalid="true"\s+aria-describedby="ky-error"/,
    );
    expect(textOf(wrong.html)).toContain('Kỳ phải có dạng YYYY-MM');
    expect(wrong.html).toContain('class="alert error" role="alert"');
    // The current period is still shown below the message.
    expect(textOf(wrong.html)).toContain('Tháng 01/2024');
    expect(tiles(wrong.html)['pilots-total']).toBe(31);

    const future = await web.get('/tong-quan?ky=2024-02');
    expect(future.status).toBe(400);
    expect(textOf(future.html)).toContain('Kỳ 2024-02 chưa đến');
  });

  it('is open to every role: an agency officer sees the same figures', async () => {
    const officer = await WebClient.signedIn(t, 'syt@demo.example');
    const res = await officer.get('/tong-quan');
    expect(res.status).toBe(200);
    const d = await api<DashboardView>('/dashboard', await t.login('syt@demo.example'));
    expect(tiles(res.html)['pilots-blocked']).toBe(d.blockedPilots.length);
    expect(textOf(res.html)).toContain('Tổng quan tình hình thí điểm');
  });
});
