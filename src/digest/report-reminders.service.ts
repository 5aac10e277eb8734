import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ownerHolders } from '../agencies/succession/owner-holders.js';
import { localDay } from '../common/domain/local-time.js';
import { cutoffDay, periodOf } from '../common/domain/periods.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { mailableUserSql } from '../users/mailable.js';
import { EscalationPolicyService } from '../escalation/escalation-policy.service.js';
import { Outbox, type OutgoingNotification } from '../notifications/outbox.js';
import { renderReportReminderMail } from './templates/report-reminder-email.js';
import { missingReportSql } from '../pilots/domain/reporting.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';

export type ReminderRun =
  | { ran: false; today: string; cutoff: string }
  | { ran: true; today: string; period: string; officers: number; queued: number };

interface MissingIndicatorRow {
  user_id: string;
  email: string;
  name: string;
  agency_name: string;
  code: string;
  indicator_name: string;
}

interface MissingRow {
  user_id: string;
  email: string;
  name: string;
  agency_name: string;
  number: number;
  pilot_name: string;
}

/**
 * Report reminders (product.md §4): runs daily, and acts only on the policy's cut-off day
 * (the last day of the month when the month is shorter). Every active agency officer whose
 * agency leads a pilot (not COMPLETED or SUSPENDED) without a report for the current period
 * gets one mail listing those pilots, once per period. The same mail lists the active
 * province-wide indicators their agency owns, or holds for an agency merged into it, that have
 * no value for the period (an officer who owes only those gets it too); a pilot's own figures
 * come with its report.
 */
@Injectable()
export class ReportRemindersService {
  private readonly logger = new Logger(ReportRemindersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly policies: EscalationPolicyService,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<ReminderRun> {
    const today = localDay(this.clock.now());
    const { policy } = await this.policies.current();
    const period = periodOf(today);
    const cutoff = cutoffDay(period, policy.reportCutoffDay);
    if (today !== cutoff) return { ran: false, today, cutoff };

    const { officers, ids } = await this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `SELECT u.id AS user_id, u.email, u.name, a.name AS agency_name, p.number, p.name AS pilot_name
           FROM app_user u
           JOIN agency a ON a.id = u.agency_id
           JOIN pilot_lead_agency l ON l.agency_id = u.agency_id AND ${currentLeadAgencySql('l')}
           JOIN pilot p ON p.id = l.pilot_id
          WHERE u.role = 'AGENCY_OFFICER' AND ${mailableUserSql('u', this.config)}
            AND ${missingReportSql('p', '$1')}
          ORDER BY lower(u.email), p.number`,
        [period],
      )) as MissingRow[];
      const missingIndicators = await this.missingIndicators(m, period, today);
      const byOfficer = new Map<
        string,
        {
          officer: Omit<MissingRow, 'number' | 'pilot_name'>;
          pilots: MissingRow[];
          indicators: MissingIndicatorRow[];
        }
      >();
      const entry = (row: Omit<MissingRow, 'number' | 'pilot_name'>) => {
        const key = row.email.toLowerCase();
        if (!byOfficer.has(key)) byOfficer.set(key, { officer: row, pilots: [], indicators: [] });
        return byOfficer.get(key)!;
      };
      for (const row of rows) entry(row).pilots.push(row);
      for (const row of missingIndicators) entry(row).indicators.push(row);
      const officers = [...byOfficer.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const mails = officers.map(
        ([email, { officer, pilots, indicators }]): OutgoingNotification => {
          const mail = renderReportReminderMail({
            recipientLabel: officer.name,
            agencyName: officer.agency_name,
            period,
            cutoff,
            pilots: pilots.map((p) => ({ number: p.number, name: p.pilot_name })),
            indicators: indicators.map((i) => ({ code: i.code, name: i.indicator_name })),
          });
          return {
            idempotencyKey: `report-reminder:${period}:${email}`,
            kind: 'REPORT_REMINDER',
            recipientEmail: officer.email,
            recipientUserId: officer.user_id,
            subject: mail.subject,
            bodyText: mail.text,
            bodyHtml: mail.html,
          };
        },
      );
      return { officers: mails.length, ids: await this.outbox.write(m, mails) };
    });
    await this.outbox.dispatch(ids);
    this.logger.log(`report reminders for ${period}: ${ids.length} of ${officers} mails queued`);
    return { ran: true, today, period, officers, queued: ids.length };
  }

  /**
   * The active province-wide indicators without a value for `period`, each for every officer of
   * the agency that holds its owner's duties on `today`: the owner itself, or from a
   * succession's effective day the agency it was merged into (ownerHolders, as milestone
   * reminders). By officer (e-mail), then in the report's order.
   */
  private async missingIndicators(
    m: EntityManager,
    period: string,
    today: string,
  ): Promise<MissingIndicatorRow[]> {
    const unentered = (await m.query(
      `SELECT i.code, i.name AS indicator_name, i.agency_id
         FROM indicator i
        WHERE i.active AND i.pilot_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM indicator_value v
                           WHERE v.indicator_id = i.id AND v.period = $1)
        ORDER BY i.display_order, i.code`,
      [period],
    )) as { code: string; indicator_name: string; agency_id: string }[];
    const holders = await ownerHolders(
      m,
      unentered.map((i) => i.agency_id),
      today,
    );
    const officers = (await m.query(
      `SELECT u.id AS user_id, u.email, u.name, a.name AS agency_name, u.agency_id
         FROM app_user u
         JOIN agency a ON a.id = u.agency_id
        WHERE u.agency_id = ANY($1::uuid[])
          AND u.role = 'AGENCY_OFFICER' AND ${mailableUserSql('u', this.config)}
        ORDER BY lower(u.email)`,
      [[...new Set(holders.values())]],
    )) as (Omit<MissingIndicatorRow, 'code' | 'indicator_name'> & { agency_id: string })[];
    return officers.flatMap(({ agency_id, ...officer }) =>
      unentered
        .filter((i) => holders.get(i.agency_id) === agency_id)
        .map((i) => ({ ...officer, code: i.code, indicator_name: i.indicator_name })),
    );
  }
}
