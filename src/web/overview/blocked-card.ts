import { html, type Html } from '../../common/html.js';
import { authorityAndAge, holderLine, holderOf } from '../components/blocker-holder.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { BLOCKER_STATE_LABELS, OVERVIEW_LABELS as L } from '../labels.js';

type BlockerView = Schemas['BlockerView'];
type AgencyRef = Schemas['AgencyRef'];

/**
 * The blocked pilots (the dashboard's), each with its lead agencies and, for each open blocker,
 * its authority, its age and who must act now; then the cross-cutting blockers. Names and titles
 * are shown whole: leadership reads this page to know who must act, not to guess.
 */
export function blockedCard(
  dashboard: Schemas['DashboardView'],
  blockers: BlockerView[],
  o: {
    /** The lead agencies of each pilot, by number. */
    leads: Map<number, AgencyRef[]>;
    /** Every letter, for who holds each blocker now. */
    letters: Schemas['RecommendationView'][];
    now: Date;
  },
): Html {
  const byPilot = new Map<number, BlockerView[]>();
  const general: BlockerView[] = [];
  for (const b of blockers) {
    if (b.pilotNumber === null) general.push(b);
    else byPilot.set(b.pilotNumber, [...(byPilot.get(b.pilotNumber) ?? []), b]);
  }
  const item = (b: BlockerView) =>
    html`<li data-blocker="${b.id}" data-authority="${b.authority}">
      <span class="blocker-title">${b.title}</span>
      ${
        b.state === 'ESCALATED'
          ? html`<span class="badge blocker-escalated" title="${BLOCKER_STATE_LABELS.ESCALATED}"
              >${L.escalatedShort}</span
            >`
          : ''
      }
      <span class="blocker-facts">${authorityAndAge(b, o.now)}</span>
      ${holderLine(
        holderOf(b, o.letters, b.pilotNumber === null ? [] : (o.leads.get(b.pilotNumber) ?? [])),
      )}
    </li>`;
  return html`<section class="card overview-card blocked-card" aria-labelledby="blocked-title">
    <h2 id="blocked-title">${L.blockedTitle}</h2>
    ${
      dashboard.blockedPilots.length === 0
        ? empty(L.noBlocked)
        : html`<ul class="blocked-list">
            ${dashboard.blockedPilots.map((p) => {
              const leads = o.leads.get(p.number) ?? [];
              return html`<li data-pilot="${p.number}">
                <a href="/mo-hinh/${p.number}" class="pilot-link"
                  ><span class="pilot-number">${p.number}</span> ${p.name}</a
                >
                ${
                  leads.length
                    ? html`<span class="lead-agencies"
                        >${L.leadAgency}: ${leads.map((a) => a.name).join('; ')}</span
                      >`
                    : ''
                }
                <ul class="blockers">
                  ${(byPilot.get(p.number) ?? []).map(item)}
                </ul>
              </li>`;
            })}
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
