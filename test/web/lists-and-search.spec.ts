import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import type { RecommendationView } from '../../src/recommendations/recommendation.view.js';
import { textOf, WebClient } from '../support/web.js';

/** A download as the browser gets it: status, headers and the bytes, untouched. */
async function fetchFile(
  app: TestApp,
  web: WebClient,
  path: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer; location: string | null }> {
  const session = web.cookie('de_an_06_session');
  const res = await fetch(new URL(path, await app.app.getUrl()), {
    redirect: 'manual',
    headers: session ? { cookie: `de_an_06_session=${session}` } : {},
  });
  return {
    status: res.status,
    headers: res.headers,
    bytes: Buffer.from(await res.arrayBuffer()),
    location: res.headers.get('location'),
  };
}

/** RFC 4180 CSV into rows of fields (quotes, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow((r) => {
    const values = r.values as unknown[];
    rows.push(
      values
        .slice(1)
        .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))),
    );
  });
  return rows;
}

describe('web interface: lists that travel, bulk answers and the global search', () => {
  let app: TestApp;
  // Mid-January 2024: every December letter is sent and overdue.
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('CSV and XLSX of the board and of the letters, as filtered', () => {
    it('the board under a filter: the rows the page shows, Vietnamese headers, BOM, CRLF, NFC text', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const page = await web.get('/mo-hinh?blocked=true');
      const shown = [...page.html.matchAll(/<tr class="[^"]*" data-pilot="(\d+)"/g)].map((m) =>
        Number(m[1]),
      );
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.length).toBeLessThan(31);
      // The page's links carry its filter.
      expect(page.html).toContain('href="/mo-hinh/tai-xuong.csv?blocked=true"');
      expect(page.html).toContain('href="/mo-hinh/tai-xuong.xlsx?blocked=true"');

      const csv = await fetchFile(app, web, '/mo-hinh/tai-xuong.csv?blocked=true');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers.get('content-disposition')).toBe(
        'attachment; filename="mo-hinh-diem-2024-01-15.csv"',
      );
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = csv.bytes.subarray(3).toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/(?<!")\n/); // every line ends CRLF
      const rows = parseCsv(text);
      expect(rows[0]).toEqual([
        'Số',
        'Mô hình',
        'Đơn vị chủ trì',
        'Trạng thái',
        'Đang vướng mắc',
        'Vướng mắc mở',
        'Kiến nghị quá hạn',
        'Báo cáo gần nhất',
        'Đơn vị của tôi',
      ]);
      expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(shown);
      expect(rows.slice(1).every((r) => r[4] === 'Có')).toBe(true);

      // The names as the API holds them, NFC, diacritics intact.
      const api = await app.request('GET', '/api/v1/pilots?blocked=true&limit=100', {
        token: await app.login('thuky@demo.example'),
      });
      const names = new Map<number, string>(
        api.body.items.map((p: { number: number; name: string }) => [p.number, p.name]),
      );
      for (const r of rows.slice(1)) {
        expect(r[1]).toBe(names.get(Number(r[0])));
        expect(r[1]).toBe(r[1].normalize('NFC'));
      }
      expect(
        rows.slice(1).some((r) => /[ạảãáàâầấậẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]/i.test(r[1])),
      ).toBe(true);

      const xlsx = await fetchFile(app, web, '/mo-hinh/tai-xuong.xlsx?blocked=true');
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const sheet = await readXlsx(xlsx.bytes);
      expect(sheet[0]).toEqual(rows[0]);
      expect(sheet.slice(1).map((r) => r[1])).toEqual(rows.slice(1).map((r) => r[1]));
    });

    it('the letters under the page filters: the same letters in the same order, summaries whole', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const filter = 'q=442&addressee=BCA';
      const page = await web.get(`/kien-nghi?${filter}`);
      const shown = [...page.html.matchAll(/<tr\s+data-recommendation="([^"]+)"/g)].map(
        (m) => m[1],
      );
      expect(shown.length).toBeGreaterThan(1);
      expect(textOf(page.html)).toContain(`Hiển thị ${shown.length} /`);
      expect(page.html).toContain(`href="/kien-nghi/tai-xuong.csv?q=442&amp;addressee=BCA"`);

      const csv = await fetchFile(app, web, `/kien-nghi/tai-xuong.csv?${filter}`);
      expect(csv.status).toBe(200);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(csv.bytes.subarray(3).toString('utf8'));
      expect(rows[0][0]).toBe('Số, ký hiệu văn bản'); // a header with a comma, quoted
      expect(csv.bytes.toString('utf8')).toContain('"Số, ký hiệu văn bản"');
      expect(rows).toHaveLength(shown.length + 1);
      const token = await app.login('thuky@demo.example');
      const letters = await Promise.all(
        shown.map(
          async (id) => (await app.request('GET', `/api/v1/recommendations/${id}`, { token })).body,
        ),
      );
      rows.slice(1).forEach((r, i) => {
        expect(r[0]).toBe('442/BC-TCTĐA06');
        expect(r[1]).toBe('20/12/2023');
        expect(r[3]).toBe(letters[i].summary); // whole, in the page's order
      });
      // A summary with quotes (“làm sạch”) or commas survives the round trip.
      expect(rows.slice(1).some((r) => r[3].includes(','))).toBe(true);

      const xlsx = await readXlsx(
        (await fetchFile(app, web, `/kien-nghi/tai-xuong.xlsx?${filter}`)).bytes,
      );
      expect(xlsx).toHaveLength(shown.length + 1);
      expect(xlsx.slice(1).map((r) => r[3])).toEqual(letters.map((l) => l.summary));
      expect(xlsx[1][1]).toBe('2023-12-20'); // a real date cell
    });

    it('a download needs the session, and a filter the API refuses is refused', async () => {
      const anonymous = await WebClient.of(app);
      const res = await fetchFile(app, anonymous, '/kien-nghi/tai-xuong.csv?state=QUA_HAN');
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/dang-nhap/);
      expect(res.bytes.toString('utf8')).not.toContain('442');

      const web = await WebClient.signedIn(app, 'syt@demo.example');
      expect((await fetchFile(app, web, '/mo-hinh/tai-xuong.csv?state=NOPE')).status).toBe(400);
      expect((await fetchFile(app, web, '/mo-hinh/tai-xuong.pdf')).status).toBe(404);
      // An officer's file marks and leads with their agency's pilots, as their page does.
      const rows = parseCsv(
        (await fetchFile(app, web, '/mo-hinh/tai-xuong.csv')).bytes.subarray(3).toString('utf8'),
      );
      expect(rows).toHaveLength(32);
      const own = rows.slice(1).filter((r) => r[8] === 'Có');
      expect(own.length).toBeGreaterThan(0);
      expect(rows.slice(1, 1 + own.length)).toEqual(own);
    });
  });

  describe('one answer recorded against several letters', () => {
    const REPORT = '442/BC-TCTĐA06';
    let thuky: string;
    const letters = async (): Promise<RecommendationView[]> =>
      (await app.request('GET', '/api/v1/recommendations?limit=100', { token: thuky })).body.items;
    const ofReport = async () => (await letters()).filter((r) => r.documentNumber === REPORT);
    const toBca = async () =>
      (await ofReport()).filter((r) => r.addressees.some((a) => a.code === 'BCA'));
    const answer = {
      addresseeCode: 'BCA',
      documentNumber: '1234/BCA-C06',
      date: '2024-01-12',
      summary: 'Bộ Công an trả lời các kiến nghị tại Báo cáo số 442/BC-TCTĐA06.',
    };
    const responsesOf = async (ids: string[]): Promise<number> => {
      const [{ n }] = (await app.app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM recommendation_response WHERE recommendation_id = ANY($1)`,
          [ids],
        )) as { n: number }[];
      return n;
    };

    beforeAll(async () => {
      thuky = await app.login('thuky@demo.example');
    });

    it('is all or nothing: one letter that cannot take it (not its addressee, stale) refuses it for every letter', async () => {
      const report = await ofReport();
      expect(report.length).toBeGreaterThanOrEqual(9); // the nine of issue 16, and one more since
      const before = await responsesOf(report.map((r) => r.id));
      // 442's letters to Văn phòng Chính phủ alone and to Bộ Y tế: Bộ Công an is not theirs.
      const res = await app.request('POST', '/api/v1/recommendations/responses', {
        token: thuky,
        body: { ...answer, recommendations: report.map((r) => ({ id: r.id, version: r.version })) },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/^Kiến nghị 442\/BC-TCTĐA06: /);
      const notBcaIds = report
        .filter((r) => !r.addressees.some((a) => a.code === 'BCA'))
        .map((r) => r.id);
      expect(notBcaIds).toContain(res.body.details.recommendationId);

      const bca = await toBca();
      const stale = await app.request('POST', '/api/v1/recommendations/responses', {
        token: thuky,
        body: {
          ...answer,
          recommendations: bca.map((r, i) => ({
            id: r.id,
            version: i === bca.length - 1 ? r.version + 1 : r.version,
          })),
        },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');

      // Nothing was recorded, nothing moved.
      expect(await responsesOf(report.map((r) => r.id))).toBe(before);
      expect((await ofReport()).map((r) => [r.id, r.version, r.state])).toEqual(
        report.map((r) => [r.id, r.version, r.state]),
      );
    });

    it('only the secretariat records it', async () => {
      const bca = await toBca();
      for (const email of ['syt@demo.example', 'lanhdao@demo.example', 'admin@demo.example']) {
        const res = await app.request('POST', '/api/v1/recommendations/responses', {
          token: await app.login(email),
          body: { ...answer, recommendations: bca.map((r) => ({ id: r.id, version: r.version })) },
        });
        expect(res.status).toBe(403);
        const web = await WebClient.signedIn(app, email);
        expect(
          (await web.get(`/kien-nghi/tra-loi-chung?so=${encodeURIComponent(REPORT)}`)).status,
        ).toBe(403);
        const posted = await web.post('/kien-nghi/tra-loi-chung', {
          id: bca.map((r) => r.id),
          ...Object.fromEntries(bca.map((r) => [`version.${r.id}`, String(r.version)])),
          ...answer,
          date: '12/01/2024',
        });
        expect(posted.status).toBe(403);
      }
      expect(await responsesOf(bca.map((r) => r.id))).toBe(0);
    });

    it('records it for each letter as a single answer would: audited, the addressee answered, its reminders stopped', async () => {
      const bca = await toBca();
      expect(bca.length).toBeGreaterThanOrEqual(7);
      expect(bca.every((r) => r.addressees.find((x) => x.code === 'BCA')!.overdue)).toBe(true);
      const res = await app.request('POST', '/api/v1/recommendations/responses', {
        token: thuky,
        body: { ...answer, recommendations: bca.map((r) => ({ id: r.id, version: r.version })) },
      });
      expect(res.status).toBe(200);
      expect(res.body.recommendations.map((r: RecommendationView) => r.id)).toEqual(
        bca.map((r) => r.id),
      );
      for (const r of res.body.recommendations as RecommendationView[]) {
        const a = r.addressees.find((x) => x.code === 'BCA')!;
        expect(a.status).toBe('ANSWERED');
        expect(a.responses.map((x) => x.documentNumber)).toEqual(['1234/BCA-C06']);
        expect(a.overdue).toBe(false); // its clock stopped (it was overdue since 11/01)
        // A letter to Bộ Công an alone is answered, and its ladder stops; others wait for the rest.
        if (r.addressees.length === 1) {
          expect(r.state).toBe('ANSWERED');
          expect(r.overdue).toBe(false);
          expect(r.activeEscalationLevel).toBe(0);
        } else expect(r.state).toBe('SENT');
      }
      const audited = (await app.app
        .get(DataSource)
        .query(
          `SELECT entity_id FROM audit_entry WHERE action = 'recommendation.respond' AND entity_id = ANY($1)`,
          [bca.map((r) => r.id)],
        )) as { entity_id: string }[];
      expect(audited.map((x) => x.entity_id).sort()).toEqual(bca.map((r) => r.id).sort());
    });

    it('in the browser: two letters chosen on the list, the answer typed once', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const list = await web.get('/kien-nghi?addressee=TCT06CP');
      const both = (await letters()).filter(
        (r) =>
          r.state === 'SENT' &&
          r.addressees.some((a) => a.code === 'TCT06CP' && a.status !== 'ANSWERED'),
      );
      expect(both.length).toBeGreaterThanOrEqual(2);
      const [a, b] = both;
      for (const r of [a, b])
        expect(list.html).toMatch(new RegExp(`name="id"\\s+value="${r.id}"\\s+form="bulk-answer"`));
      expect(list.html).toContain('form="bulk-answer"');
      expect(list.html).toContain('action="/kien-nghi/tra-loi-chung"');

      const form = await web.get(`/kien-nghi/tra-loi-chung?id=${a.id}&id=${b.id}`);
      expect(form.status).toBe(200);
      expect(
        [...form.html.matchAll(/<tr data-recommendation="([^"]+)"/g)].map((m) => m[1]),
      ).toEqual([a.id, b.id]);
      const posted = await web.post('/kien-nghi/tra-loi-chung', {
        id: [a.id, b.id],
        [`version.${a.id}`]: String(a.version),
        [`version.${b.id}`]: String(b.version),
        addresseeCode: 'TCT06CP',
        documentNumber: '99/TCTĐA06-CP',
        date: '10/01/2024',
        summary: 'Tổ công tác Đề án 06 của Chính phủ đã có hướng dẫn về thông báo lưu trú.',
      });
      expect(posted.status).toBe(303);
      const after = await web.follow(posted);
      expect(textOf(after.html)).toContain(
        'Đã ghi nhận văn bản trả lời số 99/TCTĐA06-CP cho 2 kiến nghị',
      );
      for (const id of [a.id, b.id]) {
        const r: RecommendationView = (
          await app.request('GET', `/api/v1/recommendations/${id}`, { token: thuky })
        ).body;
        const tct = r.addressees.find((x) => x.code === 'TCT06CP')!;
        expect(tct.status).toBe('ANSWERED');
        expect(tct.responses.at(-1)!.date).toBe('2024-01-10');
      }

      // A refusal keeps what was typed and says which letter.
      const again = await web.get(`/kien-nghi/tra-loi-chung?so=${encodeURIComponent(REPORT)}`);
      expect(again.status).toBe(200);
      const report = await ofReport();
      const refused = await web.post('/kien-nghi/tra-loi-chung', {
        so: REPORT,
        id: report.map((r) => r.id),
        ...Object.fromEntries(report.map((r) => [`version.${r.id}`, String(r.version)])),
        addresseeCode: 'BYT',
        documentNumber: '55/BYT-CNTT',
        date: '11/01/2024',
        summary: 'Trả lời của Bộ Y tế',
      });
      expect(refused.status).toBe(400);
      expect(textOf(refused.html)).toContain('Kiến nghị 442/BC-TCTĐA06:');
      expect(refused.html).toContain('value="55/BYT-CNTT"');
    });
  });

  describe('follow-up letters for every letter at one level, one .docx', () => {
    it('each letter at the level a section of its own; secretariat and leadership only', async () => {
      const thuky = await app.login('thuky@demo.example');
      const all: RecommendationView[] = (
        await app.request('GET', '/api/v1/recommendations?limit=100', { token: thuky })
      ).body.items;
      const chosen = ['4338/SYT-TCHC', '3829/STNMT-VPĐKĐĐ'].map((n) =>
        all.find((r) => r.documentNumber === n)!,
      );
      // No worker runs here: the ladder's level-2 step, as the escalation job records it.
      const dataSource = app.app.get(DataSource);
      for (const r of chosen)
        await dataSource.query(
          `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name,
                                         outcome, due_at, occurred_at, working_days_overdue)
           SELECT $1, ra.agency_id, 1, 2, 0, 'Đôn đốc', 'FIRED', now(), now(), 5
             FROM recommendation_addressee ra WHERE ra.recommendation_id = $1 ORDER BY ra.position LIMIT 1`,
          [r.id],
        );

      const web = await WebClient.signedIn(app, 'lanhdao@demo.example');
      const list = await web.get('/kien-nghi');
      expect(list.html).toContain('action="/kien-nghi/van-ban-don-doc"');
      expect(textOf(list.html)).toMatch(/Mức 2 – Đôn đốc \(2 kiến nghị\)/);
      const file = await fetchFile(app, web, '/kien-nghi/van-ban-don-doc?level=2');
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(file.headers.get('content-disposition')).toBe(
        'attachment; filename="don-doc-muc-2-2024-01-15.docx"',
      );
      const xml = await (
        await JSZip.loadAsync(file.bytes)
      )
        .file('word/document.xml')!
        .async('string');
      expect(xml.match(/<w:sectPr/g)).toHaveLength(2);
      for (const r of chosen) expect(xml).toContain(r.documentNumber!.replace(/&/g, '&amp;'));

      expect((await fetchFile(app, web, '/kien-nghi/van-ban-don-doc?level=3')).status).toBe(404);
      expect((await fetchFile(app, web, '/kien-nghi/van-ban-don-doc?level=1')).status).toBe(400);
      const officer = await WebClient.signedIn(app, 'syt@demo.example');
      expect(textOf((await officer.get('/kien-nghi')).html)).not.toContain(
        'Công văn đôn đốc cho mọi',
      );
      expect((await fetchFile(app, officer, '/kien-nghi/van-ban-don-doc?level=2')).status).toBe(
        403,
      );
    });
  });

  describe('the global search in the header', () => {
    it('finds pilots, blockers, letters and reports without diacritics, grouped and linked', async () => {
      const token = await app.login('syt@demo.example');
      const his = await app.request('GET', '/api/v1/search?q=HIS', { token });
      expect(his.status).toBe(200);
      // What mentions the hospitals' HIS software (pilot 6's blocker, 442's letter about it),
      // counted on the raw text, case-insensitive: the search finds each of them and no more.
      const count = async (sql: string) =>
        ((await app.app.get(DataSource).query(sql)) as { n: number }[])[0].n;
      const blockers = await count(
        `SELECT count(*)::int AS n FROM blocker WHERE (title || ' ' || description || ' ' || coalesce(topic, '')) ~* 'his'`,
      );
      const letters = await count(
        `SELECT count(*)::int AS n FROM recommendation WHERE (coalesce(document_number, '') || ' ' || summary) ~* 'his'`,
      );
      expect(blockers).toBeGreaterThanOrEqual(1);
      expect(letters).toBeGreaterThanOrEqual(1);
      expect(his.body.blockers.total).toBe(blockers);
      expect(his.body.recommendations.total).toBe(letters);
      expect(his.body.pilots.total).toBe(0);
      expect(
        his.body.recommendations.items.every((r: { summary: string }) => /HIS/.test(r.summary)),
      ).toBe(true);

      const tiemChung = await app.request(
        'GET',
        `/api/v1/search?q=${encodeURIComponent('tiem chung')}`,
        {
          token,
        },
      );
      const texts = [
        ...tiemChung.body.pilots.items.map((p: { name: string }) => p.name),
        ...tiemChung.body.blockers.items.map((b: { title: string }) => b.title),
        ...tiemChung.body.recommendations.items.map((r: { summary: string }) => r.summary),
        ...tiemChung.body.reports.items.map((r: { excerpt: string }) => r.excerpt),
      ];
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.some((t) => /tiêm chủng/i.test(t))).toBe(true);
      // The same words typed with their marks find the same.
      const marked = await app.request(
        'GET',
        `/api/v1/search?q=${encodeURIComponent('TIÊM CHỦNG')}`,
        {
          token,
        },
      );
      expect(marked.body.pilots.total).toBe(tiemChung.body.pilots.total);
      expect(marked.body.blockers.total).toBe(tiemChung.body.blockers.total);

      expect((await app.request('GET', '/api/v1/search?q=H', { token })).status).toBe(400);
      expect((await app.request('GET', '/api/v1/search?q=HIS')).status).toBe(401);

      const web = await WebClient.signedIn(app, 'syt@demo.example');
      const board = await web.get('/mo-hinh');
      expect(board.html).toMatch(/<form class="global-search" method="get" action="\/tim-kiem"/);
      const page = await web.get('/tim-kiem?q=HIS');
      expect(page.status).toBe(200);
      expect(page.html).toContain('id="global-q"');
      expect(page.html).toMatch(/id="global-q"\s+name="q"\s+value="HIS"/);
      const blockerGroup = /data-kind="ket-qua-vuong-mac"[\s\S]*?<\/section>/.exec(page.html)![0];
      expect(textOf(blockerGroup)).toMatch(
        new RegExp(`> Vướng mắc \\(${his.body.blockers.total}\\)`),
      );
      for (const b of his.body.blockers.items)
        expect(blockerGroup).toContain(
          b.pilotNumber === null
            ? `/kien-nghi/${b.recommendationId}`
            : `/mo-hinh/${b.pilotNumber}#vuong-mac-${b.id}`,
        );
      const letterGroup = /data-kind="ket-qua-kien-nghi"[\s\S]*?<\/section>/.exec(page.html)![0];
      for (const r of his.body.recommendations.items)
        expect(letterGroup).toContain(`href="/kien-nghi/${r.id}"`);

      const anonymous = await WebClient.of(app);
      const out = await anonymous.get('/tim-kiem?q=HIS');
      expect(out.status).toBe(303);
      expect(out.location).toMatch(/^\/dang-nhap/);
    });
  });
});
