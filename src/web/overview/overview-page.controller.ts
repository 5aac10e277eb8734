import { Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { OPEN_BLOCKER_STATES } from '../../blockers/domain/blocker-enums.js';
import { type FormState, formValues, one, refused } from '../components/forms.js';
import { page, sendHtml } from '../components/layout.js';
import { ApiCallFailed, apiResult, read, readAll, type Schemas } from '../in-process-api.js';
import { OVERVIEW_LABELS as L } from '../labels.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { sendMonthlyReport } from '../components/monthly-report-file.js';
import { overviewBody } from './overview-page.view.js';

const PAGE_SIZE = 100;

/**
 * The leadership overview: the situation of the province's pilots on one screen (and one A4
 * landscape page), from GET /dashboard and GET /reports/overview plus the open blockers' titles.
 * Every role may open it; leadership lands here after sign-in.
 */
@WebPages()
export class OverviewPageController {
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
    const [dashboard, blockers, chosen] = await Promise.all([
      read(web.api.GET('/api/v1/dashboard')),
      Promise.all(
        OPEN_BLOCKER_STATES.map((state) =>
          readAll((page) =>
            web.api.GET('/api/v1/blockers', { params: { query: { state, ...page } } }),
          ),
        ),
      ),
      apiResult(
        web.api.GET('/api/v1/reports/overview', {
          params: { query: { period: requested || undefined } },
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

    // Pilot names for the agencies without a report: the dashboard has them for the current
    // period; a past period asks for the list of pilots once.
    const pilotNames = new Map<number, string>();
    for (const p of [...dashboard.pilotsWithoutReport, ...dashboard.blockedPilots])
      pilotNames.set(p.number, p.name);
    if (overview.period !== dashboard.period) {
      const pilots = await read(
        web.api.GET('/api/v1/pilots', { params: { query: { limit: PAGE_SIZE } } }),
      );
      for (const p of pilots.items) pilotNames.set(p.number, p.name);
    }

    const open = blockers
      .flat()
      .sort(
        (a, b) =>
          (a.pilotNumber ?? Infinity) - (b.pilotNumber ?? Infinity) ||
          a.createdAt.localeCompare(b.createdAt),
      );
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
        }),
      }),
      status,
    );
  }
}
