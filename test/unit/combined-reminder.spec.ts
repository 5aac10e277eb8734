import {
  brief,
  compareReminders,
  reminderSubject,
  remindedBefore,
  renderCombinedReminder,
  renderSingleReminder,
} from '../../src/notifications/combined-reminder.js';
import type { EscalationMailItem } from '../../src/notifications/escalation-item.js';

const APP = 'https://de-an-06.test';

function item(overrides: Partial<EscalationMailItem> = {}): EscalationMailItem {
  const id = overrides.recommendationId ?? '11111111-1111-4111-8111-111111111111';
  return {
    recommendationId: id,
    documentNumber: '4338/SYT-TCHC',
    letterDate: '2022-10-27',
    summary: 'Đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu khám sức khỏe lái xe',
    concerns: ['Mô hình 2: Tự động hóa cấp giấy khám sức khỏe'],
    addresseeCode: 'BYT',
    addresseeName: 'Bộ Y tế',
    holder: null,
    level: 3,
    levelName: 'Báo cáo lãnh đạo',
    repeat: 98,
    dueAt: '2022-11-17T01:00:00.000Z',
    workingDaysOverdue: 37,
    calendarDaysOverdue: 52,
    timesRemindedBefore: 0,
    lastRemindedAt: null,
    audience: 'PROVINCE',
    letterUrl: `${APP}/kien-nghi/${id}`,
    answerUrl: null,
    held: [],
    ...overrides,
  };
}

const letter = (n: number, overrides: Partial<EscalationMailItem> = {}) =>
  item({
    recommendationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    letterUrl: `${APP}/kien-nghi/00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentNumber: `${100 + n}/TCTĐA06`,
    ...overrides,
  });

describe('reminder subjects', () => {
  it('one overdue letter: its number, how late, and who owes the answer', () => {
    expect(reminderSubject([item()])).toBe(
      'Kiến nghị số 4338/SYT-TCHC quá hạn 37 ngày làm việc chờ Bộ Y tế trả lời',
    );
  });

  it('one letter not overdue yet: a reminder of the deadline', () => {
    expect(
      reminderSubject([
        letter(23, { workingDaysOverdue: 0, calendarDaysOverdue: 0, level: 1, repeat: 0 }),
      ]),
    ).toBe('Nhắc hạn: kiến nghị số 123/TCTĐA06 chờ Bộ Y tế trả lời');
  });

  it('several overdue letters to one ministry', () => {
    expect(reminderSubject([letter(1), letter(2), letter(3)])).toBe(
      '3 kiến nghị quá hạn chờ Bộ Y tế trả lời',
    );
  });

  it('several letters to several ministries: counted, not listed', () => {
    const items = [
      letter(1),
      letter(2, { addresseeName: 'Bộ Công an', addresseeCode: 'BCA' }),
      letter(3, { addresseeName: 'Bộ Tư pháp', addresseeCode: 'BTP' }),
      letter(4),
      letter(5, { addresseeName: 'Bộ Công an', addresseeCode: 'BCA' }),
    ];
    expect(reminderSubject(items)).toBe('5 kiến nghị quá hạn chờ 3 bộ, ngành trả lời');
  });

  it('two ministries are named; the holder of a moved duty is the one waited for', () => {
    const items = [
      letter(1),
      letter(2, {
        addresseeName: 'Bộ Thông tin và Truyền thông',
        addresseeCode: 'BTTTT',
        holder: {
          name: 'Bộ Khoa học và Công nghệ',
          legalBasis: 'Nghị định 55/2025/NĐ-CP',
          effectiveOn: '2025-03-01',
        },
      }),
    ];
    expect(reminderSubject(items)).toBe(
      '2 kiến nghị quá hạn chờ Bộ Y tế và Bộ Khoa học và Công nghệ trả lời',
    );
  });

  it('a mix of overdue and not yet overdue letters says how many are late', () => {
    const items = [letter(1), letter(2, { workingDaysOverdue: 0, calendarDaysOverdue: 0 })];
    expect(reminderSubject(items)).toBe('2 kiến nghị chờ Bộ Y tế trả lời (1 đã quá hạn)');
  });

  it('never a step number or a count of repetitions', () => {
    const subject = reminderSubject([item({ repeat: 99, timesRemindedBefore: 99 })]);
    expect(subject).not.toMatch(/lần|Mức|\(/);
  });
});

describe('the combined reminder', () => {
  const items = [
    letter(1, { workingDaysOverdue: 5, calendarDaysOverdue: 7, timesRemindedBefore: 1 }),
    letter(2, {
      workingDaysOverdue: 290,
      calendarDaysOverdue: 420,
      timesRemindedBefore: 4,
      lastRemindedAt: '2023-05-12T00:30:00.000Z',
      summary: 'Đề nghị hướng dẫn liên thông đăng ký khai sinh',
    }),
    letter(3, { workingDaysOverdue: 37, calendarDaysOverdue: 52 }),
  ];
  const mail = renderCombinedReminder(items, 'Lãnh đạo UBND tỉnh');

  it('lists every letter once, most overdue first', () => {
    const positions = ['102/TCTĐA06', '103/TCTĐA06', '101/TCTĐA06'].map((n) =>
      mail.text.indexOf(`Kiến nghị số ${n}`),
    );
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(mail.text).toMatch(/^1\. Kiến nghị số 102\/TCTĐA06 ngày 27\/10\/2022$/m);
    expect(mail.text).toMatch(/^3\. Kiến nghị số 101\/TCTĐA06/m);
    expect([...items].sort(compareReminders).map((i) => i.documentNumber)).toEqual([
      '102/TCTĐA06',
      '103/TCTĐA06',
      '101/TCTĐA06',
    ]);
  });

  it('says how often each was reminded and when last, never lists the steps', () => {
    expect(mail.text).toContain(
      'Bộ Y tế: quá hạn 290 ngày làm việc (420 ngày theo lịch; hạn trả lời 17/11/2022); đã nhắc 4 lần, lần gần nhất ngày 12/05/2023.',
    );
    expect(mail.text).toContain('quá hạn 37 ngày làm việc');
    expect(mail.text).toContain('lần nhắc đầu tiên');
    expect(mail.text).not.toContain('lần 100');
    expect(mail.text).not.toContain('lần 99');
    expect(mail.text).not.toMatch(/bỏ qua|Các lần đôn đốc trước/);
    expect(remindedBefore(item({ timesRemindedBefore: 1, lastRemindedAt: null }))).toBe(
      'đã nhắc 1 lần',
    );
  });

  it('greets the recipient, links each letter, in text and in HTML', () => {
    expect(mail.text.startsWith('Kính gửi: Lãnh đạo UBND tỉnh\n')).toBe(true);
    for (const i of items) {
      expect(mail.text).toContain(`Xem kiến nghị: ${i.letterUrl}`);
      expect(mail.html).toContain(`<a href="${i.letterUrl}">`);
    }
    expect(mail.html).toContain('<strong>Kiến nghị số 102/TCTĐA06</strong>');
    expect(mail.subject).toBe('3 kiến nghị quá hạn chờ Bộ Y tế trả lời');
    expect(mail.html).toContain(`<title>${mail.subject}</title>`);
    // Without the templates' indentation (a third of a 200-reminder mail), lines kept.
    expect(mail.html).not.toMatch(/\n[ \t]/);
    expect(mail.html.split('\n').length).toBeGreaterThan(20);
    // The province's copy names the step; no answer link is offered to it.
    expect(mail.text).toContain('Bước đôn đốc: Báo cáo lãnh đạo.');
    expect(mail.text).not.toContain('trả lời tại');
  });

  it('is Vietnamese in NFC, even from decomposed input', () => {
    const decomposed = renderCombinedReminder(
      [item({ summary: 'Đề nghị hướng dẫn'.normalize('NFD') })],
      'Bộ Y tế'.normalize('NFD'),
    );
    for (const part of [decomposed.subject, decomposed.text, decomposed.html])
      expect(part).toBe(part.normalize('NFC'));
    expect(decomposed.text).toContain('Nội dung: Đề nghị hướng dẫn');
    expect(decomposed.text).toContain('Kính gửi: Bộ Y tế');
  });

  it('escapes what it is given in HTML', () => {
    const evil = renderCombinedReminder(
      [item({ summary: '<script>alert(1)</script> & "x"', letterUrl: 'javascript:alert(1)' })],
      'A <b>',
    );
    expect(evil.html).not.toContain('<script>');
    expect(evil.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(evil.html).toContain('Kính gửi: <strong>A &lt;b&gt;</strong>');
    expect(evil.html).not.toContain('javascript:');
  });

  it('groups two addressees of one letter under it, each with its own lateness', () => {
    const id = '22222222-2222-4222-8222-222222222222';
    const both = renderCombinedReminder(
      [
        item({ recommendationId: id, workingDaysOverdue: 3, calendarDaysOverdue: 5 }),
        item({
          recommendationId: id,
          addresseeCode: 'BCA',
          addresseeName: 'Bộ Công an',
          workingDaysOverdue: 12,
          calendarDaysOverdue: 16,
          timesRemindedBefore: 2,
          lastRemindedAt: '2023-01-03T02:00:00.000Z',
        }),
      ],
      'Văn phòng UBND tỉnh',
    );
    expect(both.subject).toBe(
      'Kiến nghị số 4338/SYT-TCHC quá hạn 12 ngày làm việc chờ Bộ Công an và Bộ Y tế trả lời',
    );
    expect(both.text.match(/Kiến nghị số 4338\/SYT-TCHC ngày/g)).toHaveLength(1);
    const bca = both.text.indexOf('- Chờ Bộ Công an: quá hạn 12 ngày làm việc');
    const byt = both.text.indexOf('- Chờ Bộ Y tế: quá hạn 3 ngày làm việc');
    expect(bca).toBeGreaterThan(0);
    expect(byt).toBeGreaterThan(bca);
    expect(both.text).toContain('đã nhắc 2 lần, lần gần nhất ngày 03/01/2023');
  });

  it('names the holder of a moved duty and the held addressees for the province only', () => {
    const held = [
      {
        addresseeName: 'Bộ Lao động - Thương binh và Xã hội',
        candidateNames: ['Bộ Nội vụ', 'Bộ Y tế'],
      },
    ];
    const moved = {
      addresseeName: 'Bộ Thông tin và Truyền thông',
      addresseeCode: 'BTTTT',
      holder: {
        name: 'Bộ Khoa học và Công nghệ',
        legalBasis: 'Nghị định 55/2025/NĐ-CP',
        effectiveOn: '2025-03-01',
      },
      held,
    };
    const province = renderSingleReminder(item(moved), 'Thư ký Tổ công tác');
    expect(province.text).toContain('Chờ Bộ Khoa học và Công nghệ: quá hạn 37 ngày làm việc');
    expect(province.text).toContain(
      'Nhiệm vụ của Bộ Thông tin và Truyền thông nay do Bộ Khoa học và Công nghệ đảm nhận (Nghị định 55/2025/NĐ-CP, từ ngày 01/03/2025).',
    );
    expect(province.text).toContain(
      'Tạm dừng nhắc Bộ Lao động - Thương binh và Xã hội: cơ quan này đã được chia tách, chưa xác định cơ quan kế thừa (Bộ Nội vụ, Bộ Y tế)',
    );
    const agency = renderSingleReminder(
      item({ ...moved, audience: 'ADDRESSEE' }),
      'Bộ Khoa học và Công nghệ',
    );
    expect(agency.text).not.toContain('Tạm dừng');
    expect(agency.text).not.toContain('Bước đôn đốc');
  });
});

describe('the addressee’s reminder', () => {
  const answerUrl = `${APP}/tra-loi/abc.def`;
  const mail = renderSingleReminder(
    item({
      audience: 'ADDRESSEE',
      answerUrl,
      timesRemindedBefore: 3,
      lastRemindedAt: '2023-03-01T01:00:00.000Z',
    }),
    'Bộ Y tế',
  );

  it('carries its personal answer link and says what it is for', () => {
    expect(mail.text).toContain(`Xác nhận đã nhận và trả lời tại: ${answerUrl}`);
    expect(mail.text).toContain(
      'Quý cơ quan có thể xác nhận đã nhận kiến nghị, cho biết người xử lý và gửi văn bản trả lời',
    );
    expect(mail.html).toContain(`<a href="${answerUrl}">Xác nhận đã nhận và trả lời</a>`);
    expect(mail.text).toContain(`Xem kiến nghị: ${item().letterUrl}`);
    expect(mail.text).toContain('đã nhắc 3 lần, lần gần nhất ngày 01/03/2023');
    expect(mail.subject).toBe(
      'Kiến nghị số 4338/SYT-TCHC quá hạn 37 ngày làm việc chờ Bộ Y tế trả lời',
    );
  });

  it('without a link, says where to send the answer', () => {
    const plain = renderSingleReminder(item({ audience: 'ADDRESSEE' }), 'Bộ Y tế');
    expect(plain.text).not.toContain('đường liên kết riêng');
    expect(plain.text).toContain('Văn bản trả lời xin gửi về Tổ công tác Đề án 06 tỉnh Khánh Hòa');
  });
});

describe('a mail listing several letters', () => {
  it('cuts a long summary at a word (the letter’s page has it whole), names a common step once', () => {
    const long = 'Đề nghị hướng dẫn kết nối dữ liệu '.repeat(20).trim();
    const mail = renderCombinedReminder(
      [
        item({ summary: long }),
        item({ recommendationId: '33333333-3333-4333-8333-333333333333', documentNumber: '1/X' }),
      ],
      'Lãnh đạo UBND tỉnh',
    );
    const line = mail.text
      .split('\n')
      .find((l) => l.includes('Nội dung: Đề nghị hướng dẫn kết nối dữ liệu Đề'))!;
    expect(line.endsWith('…')).toBe(true);
    expect(line.length).toBeLessThan(360);
    const cut = brief(long).slice(0, -1);
    expect(long.startsWith(cut) && long[cut.length] === ' ').toBe(true);
    expect(mail.text.match(/Bước đôn đốc/g)).toHaveLength(1);
    expect(renderSingleReminder(item({ summary: long }), 'A').text).toContain(long);
  });
});
