import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { cutoffDay } from '../../src/common/domain/periods.js';
import { ReportRemindersService } from '../../src/digest/report-reminders.service.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpServer, type ReceivedMail } from '../support/smtp.js';
import { queueBackends } from '../support/redis.js';

async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface PilotItem {
  number: number;
  state: string;
  version: number;
  lastReportPeriod: string | null;
  leadAgencies: { code: string }[];
}

describe.each(queueBackends())('report reminders on the cut-off day (%s)', (_kind, redisUrl) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let dataSource: DataSource;
  const tokens: Record<string, string> = {};
  // 08:00 in Asia/Ho_Chi_Minh, when the daily scheduler runs.
  const clock = new FixedClock(new Date('2024-01-14T01:00:00Z'));
  const reminders = (): ReceivedMail[] =>
    smtp.received.filter((m) => m.parsed.subject?.startsWith('[Nhắc báo cáo]'));
  const reminderRows = async (): Promise<{ key: string; email: string; status: string }[]> =>
    dataSource.query(
      `SELECT idempotency_key AS key, recipient_email AS email, status FROM notification
        WHERE kind = 'REPORT_REMINDER' ORDER BY recipient_email`,
    );

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ role: 'all', smtpUrl: smtp.url, clock, redisUrl });
    dataSource = t.app.get(DataSource);
    for (const who of ['thuky', 'bqlkkt', 'sldtbxh'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('does nothing before the cut-off day (the 15th by default)', async () => {
    expect(await t.app.get(ReportRemindersService).run()).toEqual({
      ran: false,
      today: '2024-01-14',
      cutoff: '2024-01-15',
    });
    expect(await reminderRows()).toEqual([]);
  });

  it('mails each officer of an agency with unreported pilots once, listing them', async () => {
    // BQLKKT's only pilot (9) reports for January; SLDTBXH's only pilot (26) is suspended.
    const report = await t.request('POST', '/api/v1/pilots/9/reports', {
      token: tokens.bqlkkt,
      body: { period: '2024-01', progress: 'Đã lắp đặt camera AI tại cổng Khu công nghiệp.' },
    });
    expect(report.status).toBe(201);
    const p26 = (await t.request('GET', '/api/v1/pilots/26', { token: tokens.thuky })).body;
    const suspended = await t.request('POST', '/api/v1/pilots/26/transitions', {
      token: tokens.sldtbxh,
      body: { to: 'SUSPENDED', reason: 'Chờ hướng dẫn của Bộ', version: p26.version },
    });
    expect(suspended.status).toBe(200);

    // What the API says each lead agency still owes for 2024-01.
    const pilots = (await t.request('GET', '/api/v1/pilots?limit=100', { token: tokens.thuky }))
      .body.items as PilotItem[];
    const expected = new Map<string, number[]>();
    for (const p of pilots) {
      if (['COMPLETED', 'SUSPENDED'].includes(p.state) || p.lastReportPeriod === '2024-01')
        continue;
      for (const a of p.leadAgencies) {
        const email = `${a.code.toLowerCase()}@demo.example`;
        expected.set(email, [...(expected.get(email) ?? []), p.number]);
      }
    }
    expect(expected.has('bqlkkt@demo.example')).toBe(false);
    expect(expected.has('sldtbxh@demo.example')).toBe(false);
    expect(expected.get('vpubnd@demo.example')).toEqual([1, 2, 3]);
    // And the province-wide indicators each agency owns, none entered for 2024-01 yet; the same
    // mail lists them (an officer owing only those, as SLDTBXH's, gets one too).
    const officerAgencies = new Set(pilots.flatMap((p) => p.leadAgencies.map((a) => a.code)));
    const indicators = (
      await t.request('GET', '/api/v1/indicators?scope=PROVINCE&active=true&period=2024-01', {
        token: tokens.thuky,
      })
    ).body as { code: string; agencyCode: string; value: unknown }[];
    const owed = new Map<string, string[]>();
    for (const i of indicators) {
      expect(i.value).toBeNull();
      if (!officerAgencies.has(i.agencyCode)) continue; // no officer account (CAT)
      const email = `${i.agencyCode.toLowerCase()}@demo.example`;
      owed.set(email, [...(owed.get(email) ?? []), i.code]);
    }
    expect(owed.get('sldtbxh@demo.example')).toContain('doiTuongAnSinhDaRaSoat');
    const officers = new Set([...expected.keys(), ...owed.keys()]);

    clock.set(new Date('2024-01-15T01:00:00Z'));
    const run = await t.app.get(ReportRemindersService).run();
    expect(run).toEqual({
      ran: true,
      today: '2024-01-15',
      period: '2024-01',
      officers: officers.size,
      queued: officers.size,
    });

    await until(
      async () =>
        reminders().length >= officers.size &&
        (await reminderRows()).every((r) => r.status === 'SENT'),
    );
    const rows = await reminderRows();
    expect(rows.map((r) => r.key).sort()).toEqual(
      [...officers].map((email) => `report-reminder:2024-01:${email}`).sort(),
    );
    expect(reminders()).toHaveLength(officers.size);
    for (const email of officers) {
      const numbers = expected.get(email) ?? [];
      const codes = owed.get(email) ?? [];
      const mails = reminders().filter((m) => m.to.includes(email));
      expect(mails).toHaveLength(1);
      const text = mails[0].parsed.text!;
      const listed = [...text.matchAll(/^- Mô hình (\d+): /gm)].map((m) => Number(m[1]));
      expect(listed).toEqual(numbers);
      const listedCodes = [...text.matchAll(/^- Chỉ số (\w+): /gm)].map((m) => m[1]);
      expect(listedCodes).toEqual(codes);
      const owes = [
        ...(numbers.length ? [`${numbers.length} mô hình chưa báo cáo`] : []),
        ...(codes.length ? [`${codes.length} chỉ số chưa nhập số liệu`] : []),
      ].join(', ');
      expect(mails[0].parsed.subject).toBe(`[Nhắc báo cáo] ${owes} tháng 01/2024 – hạn 15/01/2024`);
    }
    const vpubnd = reminders().find((m) => m.to.includes('vpubnd@demo.example'))!;
    expect(vpubnd.parsed.text).toContain('Kính gửi: Cán bộ đầu mối');
    expect(vpubnd.parsed.text).toContain(
      'Mô hình 2: Tự động hóa Bộ phận một cửa các cấp thông qua tương tác Kiosk',
    );
    expect(vpubnd.parsed.text).toContain('do Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa chủ trì');
    expect(vpubnd.parsed.html).toContain('Mô hình 1: Triển khai 53 dịch vụ thiết yếu');
  });

  it('sends nothing more when it runs again that day, by hand or as a replayed job', async () => {
    const before = reminders().length;
    expect(await t.app.get(ReportRemindersService).run()).toMatchObject({ ran: true, queued: 0 });
    const queue = t.app.get(QueueService).queue(QueueName.Escalation);
    await t.app.get(QueueService).enqueue('reports.remind', {}, { jobId: 'remind-replay' });
    await until(async () => !(await queue.getJob('remind-replay')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reminders()).toHaveLength(before);
  });

  it('is scheduled daily at 08:00 Asia/Ho_Chi_Minh', async () => {
    const scheduler = await t.app
      .get(QueueService)
      .queue(QueueName.Escalation)
      .getJobScheduler('report-reminders');
    expect(scheduler).toMatchObject({
      name: 'reports.remind',
      pattern: '0 8 * * *',
      tz: 'Asia/Ho_Chi_Minh',
    });
  });

  it('takes the last day of a month shorter than the cut-off day', () => {
    expect(cutoffDay('2024-01', 15)).toBe('2024-01-15');
    expect(cutoffDay('2024-02', 31)).toBe('2024-02-29');
    expect(cutoffDay('2023-02', 30)).toBe('2023-02-28');
  });
});
