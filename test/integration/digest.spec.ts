import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { DigestService } from '../../src/digest/digest.service.js';
import { readDigest } from '../../src/digest/digest-content.js';
import { renderDigestMail } from '../../src/digest/templates/digest-email.js';
import { EscalationPolicyService } from '../../src/escalation/escalation-policy.service.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { workingDaysBetween } from '../../src/calendar/domain/working-days.js';
import { JobHandlers } from '../../src/queue/job-handlers.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpServer, type ReceivedMail } from '../support/smtp.js';
import { queueBackends } from '../support/redis.js';

const SUBJECT = '[Tổng hợp] Kiến nghị quá hạn và mô hình cần chú ý – tuần 15/01/2024';

async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The lines of one numbered section of the digest's text, up to the next heading. */
function section(text: string, heading: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^[IVX]+\. /.test(l));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

const pilotLines = (lines: string[]) =>
  lines
    .map((l) => /^- Mô hình (\d+): (.*?)( \(\d+ vướng mắc| – đơn vị chủ trì|$)/.exec(l))
    .filter((m) => m !== null)
    .map((m) => ({ number: Number(m[1]), name: m[2] }));

describe.each(queueBackends())('leadership digest (%s)', (_kind, redisUrl) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let dataSource: DataSource;
  let recipients: string[];
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));
  // Escalation mails of the frozen day go out too (role 'all'): keep to the digest.
  const digests = (to?: string): ReceivedMail[] =>
    smtp.received.filter((m) => m.parsed.subject === SUBJECT && (!to || m.to.includes(to)));
  const digestRows = async (): Promise<{ key: string; status: string; email: string }[]> =>
    dataSource.query(
      `SELECT idempotency_key AS key, status, recipient_email AS email FROM notification
        WHERE kind = 'LEADERSHIP_DIGEST' ORDER BY created_at, recipient_email`,
    );
  const allSent = async () => (await digestRows()).every((r) => r.status === 'SENT');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ role: 'all', smtpUrl: smtp.url, clock, redisUrl });
    dataSource = t.app.get(DataSource);
    for (const who of ['thuky', 'lanhdao', 'syt', 'admin'])
      tokens[who] = await t.login(`${who}@demo.example`);
    recipients = (
      (await dataSource.query(
        `SELECT email FROM app_user WHERE role IN ('LEADERSHIP', 'SECRETARIAT') AND disabled_at IS NULL`,
      )) as { email: string }[]
    ).map((r) => r.email);
    expect(recipients).toEqual(
      expect.arrayContaining(['lanhdao@demo.example', 'thuky@demo.example']),
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('is for the secretariat only: others get 403 and nothing is queued', async () => {
    for (const who of ['syt', 'lanhdao', 'admin']) {
      const res = await t.request('POST', '/api/v1/digests/leadership', { token: tokens[who] });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    }
    expect(await digestRows()).toEqual([]);
    const queued = await t.app.get(QueueService).queue(QueueName.Notifications).getJobs();
    const ids = new Set(
      (
        (await dataSource.query(
          `SELECT id FROM notification WHERE kind = 'LEADERSHIP_DIGEST'`,
        )) as { id: string }[]
      ).map((r) => r.id),
    );
    expect(queued.filter((j) => ids.has(j.data.notificationId))).toEqual([]);
  });

  it('mails every leadership account once, listing what the API shows as overdue, blocked and unreported', async () => {
    // Pilot 4 reports for January; the start-up reconciliation escalates every overdue letter.
    const report = await t.request('POST', '/api/v1/pilots/4/reports', {
      token: tokens.syt,
      body: { period: '2024-01', progress: 'Đã triển khai khám chữa bệnh bằng CCCD gắn chíp.' },
    });
    expect(report.status).toBe(201);
    await until(async () => {
      const [{ pending }] = (await dataSource.query(
        `SELECT count(*)::int AS pending FROM recommendation r
          WHERE r.state = 'SENT' AND r.response_due_at < $1
            AND NOT EXISTS (SELECT 1 FROM escalation_event e WHERE e.recommendation_id = r.id
                              AND e.cycle = r.cycle AND e.outcome = 'FIRED')`,
        [clock.now()],
      )) as [{ pending: number }];
      return pending === 0;
    });

    const res = await t.request('POST', '/api/v1/digests/leadership', { token: tokens.thuky });
    expect(res.status).toBe(202);

    const overdue = await t.request('GET', '/api/v1/recommendations?overdue=true&limit=100', {
      token: tokens.thuky,
    });
    const all = await t.request('GET', '/api/v1/recommendations?limit=100', {
      token: tokens.thuky,
    });
    const blocked = await t.request('GET', '/api/v1/pilots?blocked=true&limit=100', {
      token: tokens.thuky,
    });
    const pilots = await t.request('GET', '/api/v1/pilots?limit=100', { token: tokens.thuky });
    const unreported = (
      pilots.body.items as {
        number: number;
        name: string;
        state: string;
        lastReportPeriod: string;
      }[]
    ).filter(
      (p) => !['COMPLETED', 'SUSPENDED'].includes(p.state) && p.lastReportPeriod !== '2024-01',
    );
    expect(overdue.body.total).toBeGreaterThan(0);
    expect(blocked.body.total).toBeGreaterThan(0);
    expect(unreported.length).toBeGreaterThan(0);
    expect(res.body).toEqual({
      recipients: recipients.length,
      overdue: overdue.body.total,
      blockedPilots: blocked.body.total,
      pilotsWithoutReport: unreported.length,
    });

    await until(async () => digests().length >= recipients.length && (await allSent()));
    const rows = await digestRows();
    expect(rows).toHaveLength(recipients.length);
    for (const row of rows) expect(row.key).toMatch(/^digest:manual:[0-9a-f-]{36}:/);
    expect(digests()).toHaveLength(recipients.length);

    const [mail] = digests('lanhdao@demo.example');
    expect(digests('lanhdao@demo.example')).toHaveLength(1);
    expect(digests('thuky@demo.example')).toHaveLength(1);
    const text = mail.parsed.text!;
    expect(text).toContain('Kính gửi: Lãnh đạo UBND tỉnh');
    expect(text).toContain('Tổng hợp tình hình triển khai mô hình điểm Đề án 06 tỉnh Khánh Hòa');
    expect(text).not.toContain('Bản sao gửi Thư ký');
    expect(digests('thuky@demo.example')[0].parsed.text).toContain('Bản sao gửi Thư ký');

    // I. exactly the overdue letters (several share 442/BC-TCTĐA06), none of the others, each
    // under the level it has reached.
    const letters: string[] = [];
    let level = -1;
    for (const line of section(text, /^I\. KIẾN NGHỊ GỬI TRUNG ƯƠNG QUÁ HẠN TRẢ LỜI \(\d+\)$/)) {
      const group = /^(?:Mức (\d+) – .+|Chưa đôn đốc) \(\d+\):$/.exec(line);
      if (group) level = Number(group[1] ?? 0);
      const letter = /^\d+\. Số (.+?) ngày \d{2}\/\d{2}\/\d{4}/.exec(line);
      if (letter) letters.push(`${letter[1]} @${level}`);
    }
    const items = overdue.body.items as { documentNumber: string; escalationLevel: number }[];
    const expected = items.map((r) => r.documentNumber);
    expect(letters.sort()).toEqual(
      items.map((r) => `${r.documentNumber} @${r.escalationLevel}`).sort(),
    );
    expect(text).toContain('Mức 3 – Báo cáo lãnh đạo (');
    expect(expected).toEqual(expect.arrayContaining(['4338/SYT-TCHC', '442/BC-TCTĐA06']));
    const notOverdue = (all.body.items as { documentNumber: string | null; overdue: boolean }[])
      .filter((r) => !r.overdue && r.documentNumber && !expected.includes(r.documentNumber))
      .map((r) => r.documentNumber!);
    for (const number of notOverdue) expect(text).not.toContain(number);
    expect(text).toMatch(/quá hạn \d+ ngày làm việc \(\d+ ngày theo lịch\)/);

    // II. the blocked pilots, by number and name.
    const blockedListed = pilotLines(section(text, /^II\. MÔ HÌNH ĐANG CÓ VƯỚNG MẮC/));
    expect(blockedListed).toEqual(
      (blocked.body.items as { number: number; name: string }[]).map(({ number, name }) => ({
        number,
        name,
      })),
    );

    // III. the pilots without a report for 2024-01.
    const missingListed = pilotLines(
      section(text, /^III\. MÔ HÌNH CHƯA BÁO CÁO THÁNG 01\/2024 \(\d+\)$/),
    );
    expect(missingListed.map((p) => p.number)).not.toContain(4);
    expect(missingListed).toEqual(
      unreported.sort((a, b) => a.number - b.number).map(({ number, name }) => ({ number, name })),
    );

    // Vietnamese intact in both parts.
    expect(mail.parsed.subject).toBe(SUBJECT);
    expect(text.normalize('NFC')).toBe(text);
    expect(mail.parsed.html).toContain('KIẾN NGHỊ GỬI TRUNG ƯƠNG QUÁ HẠN TRẢ LỜI');
    expect(mail.parsed.html).toContain(blocked.body.items[0].name.replace(/&/g, '&amp;'));
  });

  it('sends again on each manual request', async () => {
    const before = (await digestRows()).length;
    const res = await t.request('POST', '/api/v1/digests/leadership', { token: tokens.thuky });
    expect(res.status).toBe(202);
    await until(async () => (await digestRows()).length === before + recipients.length);
    await until(allSent);
  });

  it('a scheduled run mails each recipient once a day, however often it runs', async () => {
    await until(allSent);
    const before = digests().length;
    const service = t.app.get(DigestService);
    expect(await service.send({ trigger: 'schedule' })).toMatchObject({
      recipients: recipients.length,
      queued: recipients.length,
    });
    expect(await service.send({ trigger: 'schedule' })).toMatchObject({ queued: 0 });
    // The job's handler, and a replayed scheduler job through the worker (removed once done).
    await t.app.get(JobHandlers).get('digest.leadership')!(
      { trigger: 'schedule' },
      { id: 'replay-0', attemptsMade: 0, delayUntil: async () => undefined },
    );
    const queue = t.app.get(QueueService).queue(QueueName.Escalation);
    for (const jobId of ['digest-replay-1', 'digest-replay-2']) {
      await t.app
        .get(QueueService)
        .enqueue('digest.leadership', { trigger: 'schedule' }, { jobId });
      await until(async () => !(await queue.getJob(jobId)));
    }

    const scheduled = (await digestRows()).filter((r) => r.key.startsWith('digest:2024-01-15:'));
    expect(scheduled.map((r) => r.key).sort()).toEqual(
      recipients.map((e) => `digest:2024-01-15:${e.toLowerCase()}`).sort(),
    );
    await until(async () => digests().length >= before + recipients.length && (await allSent()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(digests()).toHaveLength(before + recipients.length);
    expect(digests('lanhdao@demo.example')).toHaveLength(3); // two manual sends, one scheduled
  });

  it("is scheduled by the policy's cron in Asia/Ho_Chi_Minh (Monday 07:30 by default)", async () => {
    const scheduler = await t.app
      .get(QueueService)
      .queue(QueueName.Escalation)
      .getJobScheduler('leadership-digest');
    expect(scheduler).toMatchObject({
      name: 'digest.leadership',
      pattern: '30 7 * * 1',
      tz: 'Asia/Ho_Chi_Minh',
      template: { data: { trigger: 'schedule' } },
    });
  });

  it('says where each addressee of an overdue letter stands: one answered, one overdue', async () => {
    // A letter to two ministries (issue 12, item 1): Bộ Công an answered, Bộ Y tế did not.
    const created = await t.request('POST', '/api/v1/recommendations', {
      token: tokens.thuky,
      body: {
        addresseeCodes: ['BCA', 'BYT'],
        summary: 'Đề nghị hướng dẫn đồng bộ dữ liệu hộ tịch',
        documentNumber: '902/TCTĐA06-CAT',
        letterDate: '2023-11-01',
        sentAt: '2023-11-01T02:00:00Z',
        responseDueAt: '2023-11-20T10:00:00Z',
      },
    });
    expect(created.status).toBe(201);
    const answered = await t.request(
      'POST',
      `/api/v1/recommendations/${created.body.id}/responses`,
      {
        token: tokens.thuky,
        body: {
          addresseeCode: 'BCA',
          documentNumber: '78/BCA-C06',
          date: '2024-01-12',
          summary: 'Bộ Công an đã hướng dẫn.',
        },
      },
    );
    expect(answered.status).toBe(200);
    const [policies, calendar] = [
      await t.app.get(EscalationPolicyService).current(),
      await t.app.get(CalendarService).current(),
    ];
    const content = await readDigest(dataSource.manager, clock.now(), policies.policy, calendar);
    const late = workingDaysBetween(new Date('2023-11-20T10:00:00Z'), clock.now(), calendar);
    const item = content.overdue
      .flatMap((g) => g.items)
      .find((i) => i.recommendationId === created.body.id)!;
    expect(item.addresseeStatus).toEqual([
      'Bộ Công an: đã trả lời ngày 12/01/2024',
      `Bộ Y tế: quá hạn ${late} ngày làm việc`,
    ]);
    expect(item.workingDaysOverdue).toBe(late);
    const mail = renderDigestMail({
      ...content,
      recipientLabel: 'Lãnh đạo UBND tỉnh',
      copy: false,
    });
    expect(mail.text).toContain(
      `   Từng cơ quan: Bộ Công an: đã trả lời ngày 12/01/2024; Bộ Y tế: quá hạn ${late} ngày làm việc`,
    );
    expect(mail.html).toContain('Bộ Công an: đã trả lời ngày 12/01/2024<br />');
  });
});

describe('the digest schedule follows the policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ role: 'all' });
  });
  afterAll(() => t.close());

  it('applies a new cron at once, without a restart, and refuses a cron that is invalid or never fires', async () => {
    const token = await t.login('thuky@demo.example');
    const current = (await t.request('GET', '/api/v1/escalation-policy', { token })).body;
    for (const digestCron of ['99 99 99 99 99', '0 0 31 2 *', '30 7 * *']) {
      const refused = await t.request('PUT', '/api/v1/escalation-policy', {
        token,
        body: { ...current.policy, digestCron, version: current.version },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(refused.body)).toMatch(/digestCron/);
    }
    const put = await t.request('PUT', '/api/v1/escalation-policy', {
      token,
      body: { ...current.policy, digestCron: '0 16 * * 5', version: current.version },
    });
    expect(put.status).toBe(200);
    const scheduler = await t.app
      .get(QueueService)
      .queue(QueueName.Escalation)
      .getJobScheduler('leadership-digest');
    expect(scheduler).toMatchObject({ pattern: '0 16 * * 5', tz: 'Asia/Ho_Chi_Minh' });
  });
});
