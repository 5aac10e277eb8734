import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { html } from '../../common/html.js';
import { blockerStateBadge, recommendationStateBadge } from '../components/badges.js';
import { day } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { page, sendHtml } from '../components/layout.js';
import { empty } from '../components/tables.js';
import {
  auditItems,
  commentItems,
  mergeTimeline,
  timelineCard,
  type TimelineItem,
} from '../components/timeline.js';
import {
  auditOf,
  commentsOf,
  withinPage,
  type TimelinePaging,
} from '../components/timeline-sources.js';
import { read, type Schemas } from '../in-process-api.js';
import { BLOCKER_AUTHORITY_LABELS, BLOCKER_CATEGORY_LABELS, WORDS } from '../labels.js';
import { WebRefusal, type WebContext } from '../web-request.js';
import { UUID } from '../../common/uuid.pipe.js';

interface BlockerPageData {
  blocker: Schemas['BlockerView'];
  letters: Schemas['RecommendationView'][];
  timeline: TimelineItem[];
  timelinePaging: TimelinePaging;
}

/**
 * One blocker's page (`/vuong-mac/{id}`): what it is, the letters that carry it, and its
 * timeline — its state moves and edits from its audit trail, and its comments. Its actions
 * (resolve, withdraw) stay on its pilot's page, where they were.
 */
@Injectable()
export class BlockerPage {
  async show(
    web: WebContext,
    reply: FastifyReply,
    id: string,
    o: { commentForm?: FormState; status?: number; timelinePage?: number } = {},
  ): Promise<FastifyReply> {
    if (!UUID.test(id)) throw new WebRefusal(404, 'Không tìm thấy vướng mắc này.');
    const data = await this.load(web, id, o.timelinePage ?? 1);
    return sendHtml(reply, render(web, data, o.commentForm), o.status ?? 200);
  }

  private async load(web: WebContext, id: string, timelinePage: number): Promise<BlockerPageData> {
    const blocker = await read(web.api.GET('/api/v1/blockers/{id}', { params: { path: { id } } }));
    const target = { type: 'blocker' as const, id: blocker.id };
    const [comments, audit, letters] = await Promise.all([
      commentsOf(web, target),
      auditOf(web, target, timelinePage),
      blocker.pilotNumber === null
        ? Promise.resolve([])
        : read(
            web.api.GET('/api/v1/recommendations', {
              params: { query: { pilot: blocker.pilotNumber, limit: 100 } },
            }),
          ).then((page) => page.items.filter((r) => r.blockers.some((b) => b.id === blocker.id))),
    ]);
    return {
      blocker,
      letters,
      timeline: mergeTimeline(
        withinPage(commentItems(comments), audit.paging),
        auditItems(audit.entries),
      ),
      timelinePaging: audit.paging,
    };
  }
}

function render(web: WebContext, data: BlockerPageData, commentForm?: FormState): string {
  const b = data.blocker;
  const where =
    b.pilotNumber !== null
      ? html`<a href="/mo-hinh/${b.pilotNumber}">Mô hình số ${b.pilotNumber}</a>`
      : html`${b.topic ?? WORDS.generalBlocker}`;
  return page(web, {
    title: `Vướng mắc: ${b.title}`,
    active: 'board',
    styles: ['pilot.css', 'timeline.css'],
    body: html`<nav class="breadcrumb" aria-label="Đường dẫn">
        <a href="/mo-hinh">Mô hình điểm</a> <span aria-hidden="true">›</span> ${where}
        <span aria-hidden="true">›</span> <span aria-current="page">Vướng mắc</span>
      </nav>
      <div class="page-head">
        <div>
          <p class="kicker">Vướng mắc · ${where}</p>
          <h1>${b.title}</h1>
        </div>
        <p class="head-badges">${blockerStateBadge(b.state)}</p>
      </div>
      <div class="grid-2 pilot-layout">
        <div class="pilot-main">
          <section class="card facts-card" aria-labelledby="facts-title">
            <h2 id="facts-title">Thông tin vướng mắc</h2>
            <dl class="facts">
              <dt>Thuộc</dt>
              <dd>${where}</dd>
              <dt>Trạng thái</dt>
              <dd>${blockerStateBadge(b.state)}</dd>
              <dt>Nhóm</dt>
              <dd>${BLOCKER_CATEGORY_LABELS[b.category] ?? b.category}</dd>
              <dt>Thẩm quyền</dt>
              <dd>${BLOCKER_AUTHORITY_LABELS[b.authority] ?? b.authority}</dd>
              <dt>Ghi nhận</dt>
              <dd>${day(b.createdAt)}</dd>
            </dl>
            <h3>Nội dung</h3>
            <p class="prose">${b.description}</p>
            ${
              b.resolution
                ? html`<h3>Cách giải quyết</h3>
                    <p class="prose">${b.resolution}</p>`
                : ''
            }
          </section>
          <section class="card" aria-labelledby="letters-title">
            <h2 id="letters-title">Kiến nghị về vướng mắc này</h2>
            ${
              data.letters.length === 0
                ? empty('Chưa có kiến nghị nào về vướng mắc này.')
                : html`<ul class="plain">
                    ${data.letters.map(
                      (r) =>
                        html`<li>
                          <a href="/kien-nghi/${r.id}"
                            >${r.documentNumber ? `Số ${r.documentNumber}` : 'Dự thảo kiến nghị'}</a
                          >
                          ${recommendationStateBadge(r.state)}
                        </li>`,
                    )}
                  </ul>`
            }
          </section>
        </div>
        <div class="pilot-side">
          ${timelineCard(web, {
            items: data.timeline,
            commentAction: `/vuong-mac/${b.id}/binh-luan`,
            commentForm,
            paging: { ...data.timelinePaging, path: `/vuong-mac/${b.id}` },
          })}
        </div>
      </div>`,
  });
}
