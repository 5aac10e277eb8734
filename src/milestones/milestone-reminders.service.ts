import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { holdersOn } from '../agencies/succession/succession-steps.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox, type OutgoingNotification } from '../notifications/outbox.js';
import { mailableUserSql } from '../users/mailable.js';
import { dueLabel, reminderDueOn, type DuePrecision } from './domain/milestone.js';
import { MilestoneSettingsService } from './milestone-settings.service.js';
import { milestoneReminderKey } from './milestone-reminder-key.js';
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
  owner_agency_id: string;
}

interface OfficerRow {
  agency_id: string;
  agency_name: string;
  user_id: string;
  email: string;
  user_name: string;
}

/** Who is reminded of a milestone: its owner, or whoever holds the owner's duties that day. */
interface Reminded {
  /** The agency whose officers are mailed. */
  agencyName: string;
  /** The owner as the milestone names it, when another agency has taken over its duties. */
  formerly: string | null;
  officers: OfficerRow[];
}

/** The furthest a reminder can come before its due day: 30 working days is under 60 days. */
const LOOK_AHEAD_DAYS = 62;

/**
 * Milestone reminders (issue 15, item 4): runs daily; every active officer of a PLANNED
 * milestone's owner agency — or, once the owner was merged or renamed (the 2025 reorganisation),
 * of whoever holds its duties on the day of the run — gets a mail from the `reminderWorkingDays`-th working day before its
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
                p.number, p.name AS pilot_name, ms.owner_agency_id
           FROM milestone ms JOIN pilot p ON p.id = ms.pilot_id
          WHERE ms.state = 'PLANNED' AND ms.due_on >= $1::date
            AND ms.due_on <= $1::date + ${LOOK_AHEAD_DAYS}
          ORDER BY ms.due_on, p.number, ms.id`,
        [today],
      )) as CandidateRow[];
      const due = rows
        .map((row) => ({
          row,
          kind: reminderDueOn(row.due_on, today, reminderWorkingDays, calendar),
        }))
        .filter((x): x is { row: CandidateRow; kind: 'before' | 'due' } => x.kind !== null);
      const remindedOf = await this.remindedOn(
        m,
        due.map((x) => x.row.owner_agency_id),
        today,
      );
      const mails: OutgoingNotification[] = [];
      const reminded = new Set<string>();
      for (const { row, kind } of due) {
        const to = remindedOf.get(row.owner_agency_id);
        if (!to || to.officers.length === 0) continue;
        reminded.add(row.id);
        for (const officer of to.officers) {
          const mail = renderMilestoneReminderMail({
            recipientLabel: officer.user_name,
            agencyName: to.agencyName,
            formerly: to.formerly,
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
            idempotencyKey: milestoneReminderKey({
              milestoneId: row.id,
              dueOn: row.due_on,
              kind,
              email: officer.email,
            }),
            kind: 'MILESTONE_REMINDER',
            recipientEmail: officer.email,
            recipientUserId: officer.user_id,
            subject: mail.subject,
            bodyText: mail.text,
            bodyHtml: mail.html,
          });
        }
      }
      return { milestones: reminded.size, ids: await this.outbox.write(m, mails) };
    });
    await this.outbox.dispatch(ids);
    if (ids.length > 0) {
      this.logger.log(`milestone reminders on ${today}: ${ids.length} mails queued`);
    }
    return { today, reminderWorkingDays, milestones, queued: ids.length };
  }

  /**
   * For each owner agency, who is reminded on `today`: the officers of whoever holds its duties
   * that day (product.md §9, the organisation's line: its main successor, as officers' accounts
   * and lead agencies pass on), found by the succession rules (src/agencies/succession). An
   * owner whose duties were split with no main successor has nobody to remind: said in the log.
   */
  private async remindedOn(
    m: EntityManager,
    ownerIds: string[],
    today: string,
  ): Promise<Map<string, Reminded>> {
    const owners = [...new Set(ownerIds)];
    if (owners.length === 0) return new Map();
    const holders = await holdersOn(m, owners, today, 'MAIN');
    const heldBy = new Map<string, string>();
    for (const [owner, holder] of holders) {
      if (holder.status === 'HELD_BY') heldBy.set(owner, holder.agency);
      else
        this.logger.warn(
          `milestone reminders on ${today}: the duties of agency ${owner} are split with no main successor; its milestones are reminded to nobody`,
        );
    }
    const agencies = [...new Set([...owners, ...heldBy.values()])];
    const names = new Map(
      (
        (await m.query(`SELECT id, name FROM agency WHERE id = ANY($1::uuid[])`, [agencies])) as {
          id: string;
          name: string;
        }[]
      ).map((a) => [a.id, a.name]),
    );
    const officers = (await m.query(
      `SELECT u.agency_id, a.name AS agency_name, u.id AS user_id, u.email, u.name AS user_name
         FROM app_user u JOIN agency a ON a.id = u.agency_id
        WHERE u.agency_id = ANY($1::uuid[])
          AND u.role = 'AGENCY_OFFICER' AND ${mailableUserSql('u', this.config)}
        ORDER BY lower(u.email)`,
      [[...new Set(heldBy.values())]],
    )) as OfficerRow[];
    const result = new Map<string, Reminded>();
    for (const [owner, holder] of heldBy) {
      result.set(owner, {
        agencyName: names.get(holder)!,
        formerly: holder === owner ? null : names.get(owner)!,
        officers: officers.filter((o) => o.agency_id === holder),
      });
    }
    return result;
  }
}
