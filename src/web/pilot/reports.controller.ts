import { Body, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { period } from '../components/format.js';
import { formValues, integerField, one, type FormState } from '../components/forms.js';
import { sendHtml } from '../components/layout.js';
import { parseVietnameseNumber } from '../components/numbers.js';
import { apiResult, unchecked } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { PilotPage, pilotNumberOf, pilotParam } from './pilot-page.js';
import { renderPilotPage } from './pilot.view.js';

/**
 * `name = value` lines as the API's metrics object, each value written as Vietnamese do
 * (components/numbers.ts).
 */
export function parseMetrics(
  text: string,
): { ok: true; metrics: Record<string, number> | undefined } | { ok: false; problem: string } {
  const metrics: Record<string, number> = {};
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines) {
    const match = /^(.+?)\s*[=:]\s*(.+)$/.exec(line);
    if (!match) {
      return { ok: false, problem: `Dòng “${line}” cần có dạng tên = số.` };
    }
    const name = match[1].trim();
    const value = parseVietnameseNumber(match[2]);
    if (value === null) {
      return { ok: false, problem: `Giá trị của “${name}” phải là một số.` };
    }
    if (name.length > 64) {
      return { ok: false, problem: `Tên chỉ số “${name.slice(0, 20)}…” dài quá 64 ký tự.` };
    }
    metrics[name] = value;
  }
  if (Object.keys(metrics).length > 50) {
    return { ok: false, problem: 'Tối đa 50 chỉ số.' };
  }
  return { ok: true, metrics: lines.length ? metrics : undefined };
}

/** A pilot's monthly progress report, filed or corrected on the pilot's page. */
@WebPages()
export class PilotReportsController {
  constructor(private readonly pilotPage: PilotPage) {}

  @Post('mo-hinh/:number/bao-cao')
  async fileReport(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilot = { number: pilotNumberOf(number) };
    const values = formValues(body);
    const metrics = parseMetrics(one(values, 'metrics'));
    if (!metrics.ok) {
      const data = await this.pilotPage.load(web, String(pilot.number), one(values, 'period'));
      const form: FormState = {
        values,
        errors: { metrics: [metrics.problem] },
        message: 'Chỉ số chưa đúng dạng.',
      };
      return sendHtml(reply, renderPilotPage(web, data, { forms: { report: form } }), 400);
    }
    const result = await apiResult(
      web.api.POST('/api/v1/pilots/{number}/reports', {
        params: { path: pilotParam(pilot.number) },
        body: {
          period: one(values, 'period'),
          progress: one(values, 'progress'),
          metrics: metrics.metrics,
          version: unchecked(integerField(one(values, 'version'))),
        },
      }),
    );
    return this.pilotPage.answer(web, reply, pilot.number, values, result, {
      form: 'report',
      fields: ['progress', 'metrics'],
      done: (r) => `Đã lưu báo cáo tháng ${period(r.period)} của mô hình số ${pilot.number}.`,
    });
  }
}
