import { html, type Html } from '../../common/html.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { BLOCKER_STATE_LABELS, OVERVIEW_LABELS as L } from '../labels.js';

type BlockerView = Schemas['BlockerView'];

/** The blocked pilots (the dashboard's), each with its open blockers; then the general ones. */
export function blockedCard(dashboard: Schemas['DashboardView'], blockers: BlockerView[]): Html {
  const byPilot = new Map<number, BlockerView[]>();
  const general: BlockerView[] = [];
  for (const b of blockers) {
    if (b.pilotNumber === null) general.push(b);
    else byPilot.set(b.pilotNumber, [...(byPilot.get(b.pilotNumber) ?? []), b]);
  }
  const item = (b: BlockerView) =>
    html`<li data-blocker="${b.id}">
      <span class="blocker-title">${b.title}</span>
      ${
        b.state === 'ESCALATED'
          ? html`<span class="badge blocker-escalated" title="${BLOCKER_STATE_LABELS.ESCALATED}"
              >${L.escalatedShort}</span
            >`
          : ''
      }
    </li>`;
  return html`<section class="card overview-card blocked-card" aria-labelledby="blocked-title">
    <h2 id="blocked-title">${L.blockedTitle}</h2>
    ${
      dashboard.blockedPilots.length === 0
        ? empty(L.noBlocked)
        : html`<ul class="blocked-list">
            ${dashboard.blockedPilots.map(
              (p) =>
                html`<li data-pilot="${p.number}">
                  <a href="/mo-hinh/${p.number}" class="pilot-link" title="${p.name}"
                    ><span class="pilot-number">${p.number}</span> ${p.name}</a
                  >
                  <ul class="blockers">
                    ${(byPilot.get(p.number) ?? []).map(item)}
                  </ul>
                </li>`,
            )}
          </ul>`
    }
    ${
      general.length
        ? html`<h3>${L.generalBlockers}</h3>
            <ul class="blockers general">
              ${general.map(item)}
            </ul>`
        : ''
    }
  </section>`;
}
