import { jobIds } from '../../src/queue/jobs.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  newAgency,
  newSentRecommendation,
  newUser,
  type NewAgency,
  type NewUser,
} from '../support/factories.js';
import { queueBackends } from '../support/redis.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n', 'latin1');

/**
 * An answer recorded through the addressee's link stops that addressee's reminders at once and
 * only its own (product.md §4), on both queue backends, with the real clock, the workers and a
 * real SMTP server: the other addressee is reminded at the due time, the one that answered is
 * mailed nothing after its answer.
 */
describe.each(queueBackends())(
  'an answer through the link stops its ladder, on %s',
  (_kind, redisUrl) => {
    let smtp: TestSmtpServer;
    let t: TestApp;
    let secretariat: NewUser;
    let answering: NewAgency;
    let waiting: NewAgency;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      t = await startTestApp({ seed: false, role: 'all', smtpUrl: smtp.url, redisUrl });
      secretariat = await newUser(t, { role: 'SECRETARIAT' });
      answering = await newAgency(t, { kind: 'MINISTRY', contactEmails: ['vp@answering.example'] });
      waiting = await newAgency(t, { kind: 'MINISTRY', contactEmails: ['vp@waiting.example'] });
    });
    afterAll(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('the answering addressee gets no reminder; the other is reminded at the due time', async () => {
      const token = await t.login(secretariat.email);
      const due = new Date(Date.now() + 4000);
      const letter = await newSentRecommendation(t, {
        addresseeCodes: [answering.code, waiting.code],
        sentAt: new Date(Date.now() - 60_000),
        responseDueAt: due,
      });
      const queue = t.app.get(QueueService).queue(QueueName.Escalation);
      expect(
        await (
          await queue.getJob(jobIds.escalationStep(letter.id, answering.id, 1, 1, 0))
        )?.getState(),
      ).toBe('delayed');

      const sent = await t.request(
        'POST',
        `/api/v1/recommendations/${letter.id}/addressees/${answering.code}/answer-link`,
        { token },
      );
      expect(sent.status).toBe(202);
      await smtp.next(1);
      const path = /https:\/\/de-an-06\.test(\/tra-loi\/[A-Za-z0-9._-]+)/.exec(
        smtp.received[0].parsed.text ?? '',
      )![1];
      const base = await t.app.getUrl();
      const page = await fetch(new URL(path, base));
      const cookie = page.headers.getSetCookie()[0].split(';')[0];
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('documentNumber', '45/BO-VP');
      form.set('date', new Date().toISOString().slice(0, 10));
      form.set('summary', 'Bộ thống nhất với đề nghị của Tỉnh.');
      form.set('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'tl.pdf');
      const answered = await fetch(new URL(`${path}/tra-loi`, base), {
        method: 'POST',
        headers: { cookie },
        body: form,
      });
      expect(answered.status).toBe(200);
      const answeredAt = Date.now();
      for (const level of [1, 2, 3])
        expect(
          await queue.getJob(jobIds.escalationStep(letter.id, answering.id, 1, level, 0)),
        ).toBeFalsy();

      // The due time passes: the other addressee (and the secretariat) is reminded.
      for (
        let i = 0;
        i < 200 && !smtp.received.some((m) => m.to.includes('vp@waiting.example'));
        i++
      )
        await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 2500)); // nothing else follows
      expect(Date.now()).toBeGreaterThan(due.getTime());
      const after = smtp.received.filter((m) => m.at >= answeredAt);
      expect(after.flatMap((m) => m.to)).not.toContain('vp@answering.example');
      const reminders = after.filter((m) => m.to.includes('vp@waiting.example'));
      expect(reminders).toHaveLength(1);
      expect(reminders[0].parsed.subject).toContain(waiting.name);
      // The reminder carries the waiting addressee's own link, which opens its page; the
      // secretariat's copy carries none.
      const link = /https:\/\/de-an-06\.test(\/tra-loi\/[A-Za-z0-9._-]+)/.exec(
        reminders[0].parsed.text ?? '',
      );
      expect(link).not.toBeNull();
      const opened = await fetch(new URL(link![1], base));
      expect(opened.status).toBe(200);
      expect(await opened.text()).toContain(waiting.name);
      const office = after.filter((m) => m.to.includes(secretariat.email));
      expect(office.length).toBeGreaterThan(0);
      for (const m of office) expect(m.parsed.text).not.toContain('/tra-loi/');
    });
  },
);
