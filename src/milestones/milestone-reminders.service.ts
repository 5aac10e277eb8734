import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox, type OutgoingNotification } from '../notifications/outbox.js';
import { mailableUserSql } from '../users/mailable.js';
import { dueLabel, reminderDueOn, type DuePrecision } from './domain/milestone.js';
import { MilestoneSettingsService } from './milestone-settings.service.js';
import { renderMilestoneReminderMail } from './templates/milestone-reminder-email.js';

export interface MilestoneReminderRun {
  today: string;
  reminderWorkingDays: number;
  milestones: number;
  queued: number;
}

interface CandidateRow {
  id: string;
  name: string;
  due_text: string;
  due_precision: DuePrecision;
  due_on: string;
  number: number;
  pilot_name: string;
  agency_name: string;
  user_id: string;
  email: string;
  user_name: string;
}

/** The furthest a reminder can come before its due day: 30 working days is under 60 days. */
const LOOK_AHEAD_DAYS = 62;

/**
 * Milestone reminders (issue 15, item 4): runs daily; every active officer of a PLANNED
 * milestone's owner agency gets a mail from the `reminderWorkingDays`-th working day before its
 * due day (a day the job did not run is caught up the next) and another on the due day. Each
 * goes once: its idempotency key names the milestone, its due day, which reminder and the
 * recipient (a milestone moved to a new due day is reminded again for it).
 */
@Injectable()
export class MilestoneRemindersService {
  private readonly logger = new Logger(MilestoneRemindersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly settings: MilestoneSettingsService,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<MilestoneReminderRun> {
    const today = localDay(this.clock.now());
    const { reminderWorkingDays } = await this.settings.current();
    const calendar = await this.calendar.current();
    const { milestones, ids } = await this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT ms.id, ms.name, ms.due_text, ms.due_precision, to_char(ms.due_on, 'YYYY-MM-DD') AS due_on,
                p.number, p.name AS pilot_name, a.name AS agency_name,
                u.id AS user_id, u.email, u.name AS user_name
           FROM milestone ms JOIN pilot p ON p.id = ms.pilot_id
           JOIN agency a ON a.id = ms.owner_agency_id
           JOIN app_user u ON u.agency_id = ms.owner_agency_id
          WHERE ms.state = 'PLANNED' AND ms.due_on >= $1::date
            AND ms.due_on <= $1::date + ${LOOK_AHEAD_DAYS}
            AND u.role = 'AGENCY_OFFICER' AND ${mailableUserSql('u', this.config)}
          ORDER BY ms.due_on, p.number, ms.id, lower(u.email)`,
        [today],
      )) as CandidateRow[];
      const mails: OutgoingNotification[] = [];
      const reminded = new Set<string>();
      for (const row of rows) {
        const kind = reminderDueOn(row.due_on, today, reminderWorkingDays, calendar);
        if (!kind) continue;
        reminded.add(row.id);
        const mail = renderMilestoneReminderMail({
          recipientLabel: row.user_name,
          agencyName: row.agency_name,
          kind,
          pilot: { number: row.number, name: row.pilot_name },
          milestone: {
            name: row.name,
            dueOn: row.due_on,
            dueLabel: dueLabel({ text: row.due_text, precision: row.due_precision }),
          },
          link: `${this.config.appUrl}/mo-hinh/${row.number}#moc`,
        });
        mails.push({
          idempotencyKey: `milestone-reminder:${row.id}:${row.due_on}:${kind}:${row.email.toLowerCase()}`,
          kind: 'MILESTONE_REMINDER',
          recipientEmail: row.email,
          recipientUserId: row.user_id,
          subject: mail.subject,
          bodyText: mail.text,
          bodyHtml: mail.html,
        });
      }
      return { milestones: reminded.size, ids: await this.outbox.write(m, mails) };
    });
    await this.outbox.dispatch(ids);
    if (ids.length > 0) {
      this.logger.log(`milestone reminders on ${today}: ${ids.length} mails queued`);
    }
    return { today, reminderWorkingDays, milestones, queued: ids.length };
  }
}
