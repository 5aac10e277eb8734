import { Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { OPEN_BLOCKER_STATES } from '../../blockers/domain/blocker-enums.js';
import { Clock } from '../../common/clock.js';
import { type FormState, formValues, one, refused } from '../components/forms.js';
import { page, sendHtml } from '../components/layout.js';
import { ApiCallFailed, apiResult, read, readAll, type Schemas } from '../in-process-api.js';
import { OVERVIEW_LABELS as L } from '../labels.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { sendMonthlyReport } from '../components/monthly-report-file.js';
import { changesSince, lastMonday, sinceDay } from './changes.js';
import { overviewBody } from './overview-page.view.js';

const PAGE_SIZE = 100;

/**
 * The leadership overview: the situation of the province's pilots on one screen (and one A4
 * landscape page), from GET /dashboard and GET /reports/overview, plus the pilots (their lead
 * agencies), every blocker and every letter (who holds each open blocker now, and what changed
 * since a day). Every role may open it; leadership lands here after sign-in.
 */
@WebPages()
export class OverviewPageController {
  constructor(private readonly clock: Clock) {}

  /** The period's monthly report, for everyone who reads the overview (leadership above all). */
  @Get('tong-quan/:period/bao-cao.docx')
  docx(@Web() web: WebContext, @Param('period') period: string, @Res() reply: FastifyReply) {
    return sendMonthlyReport(web, reply, period, 'docx');
  }

  @Get('tong-quan/:period/bao-cao.xlsx')
  xlsx(@Web() web: WebContext, @Param('period') period: string, @Res() reply: FastifyReply) {
    return sendMonthlyReport(web, reply, period, 'xlsx');
  }

  @Get('tong-quan')
  async overview(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(query);
    const requested = one(values, 'ky').trim();
    const now = this.clock.now();
    const sinceAsked = one(values, 'tu').trim();
    const since = sinceDay(sinceAsked, now);
    const [dashboard, blockers, pilots, letters, chosen, indicators] = await Promise.all([
      read(web.api.GET('/api/v1/dashboard')),
      readAll((page) => web.api.GET('/api/v1/blockers', { params: { query: page } })),
      read(web.api.GET('/api/v1/pilots', { params: { query: { limit: PAGE_SIZE } } })),
      readAll((page) => web.api.GET('/api/v1/recommendations', { params: { query: page } })),
      apiResult(
        web.api.GET('/api/v1/reports/overview', {
          params: { query: { period: requested || undefined } },
        }),
      ),
      read(
        web.api.GET('/api/v1/indicators', {
          params: { query: { scope: 'PROVINCE', active: true, history: true } },
        }),
      ),
    ]);
    let form: FormState = { values: { ky: requested }, errors: {} };
    let overview: Schemas['OverviewView'];
    let status = 200;
    if (chosen.ok) {
      overview = chosen.body;
    } else if (requested && chosen.status === 400) {
      // A period the API refuses: its message beside the field, the current period below.
      form = refused({ ky: requested }, chosen.error, {
        rename: { period: 'ky' },
        labels: { period: L.period },
      });
      status = 400;
      overview = await read(web.api.GET('/api/v1/reports/overview'));
    } else {
      throw new ApiCallFailed(chosen.error);
    }
    if (!requested || overview.period === dashboard.period) form.values.ky = overview.period;

    // Pilot names for the agencies without a report, and each pilot's lead agencies.
    const pilotNames = new Map(pilots.items.map((p) => [p.number, p.name]));
    const leads = new Map(pilots.items.map((p) => [p.number, p.leadAgencies]));

    const open = blockers
      .filter((b) => OPEN_BLOCKER_STATES.some((s) => s === b.state))
      .sort(
        (a, b) =>
          (a.pilotNumber ?? Infinity) - (b.pilotNumber ?? Infinity) ||
          a.createdAt.localeCompare(b.createdAt),
      );
    // What changed since the day asked for, or since last Monday (saying why when the day given
    // is not one).
    const changes = await changesSince(
      web,
      since ?? lastMonday(now),
      pilots.items,
      blockers,
      letters,
    );
    const changesForm: FormState = {
      values: sinceAsked ? { tu: sinceAsked } : {},
      errors:
        sinceAsked && !since
          ? { tu: ['Nhập một ngày có thật, không sau hôm nay, theo dạng dd/mm/yyyy.'] }
          : {},
    };
    return sendHtml(
      reply,
      page(web, {
        title: L.title,
        active: 'overview',
        styles: ['overview.css'],
        scripts: ['chart.umd.min.js', 'overview.js'],
        body: overviewBody({
          dashboard,
          overview,
          blockers: open,
          pilotNames,
          currentPeriod: dashboard.period,
          form,
          leads,
          letters,
          now,
          changes,
          changesForm,
          indicators,
        }),
      }),
      status,
    );
  }
}
