import type { EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { Blocker } from '../blockers/blocker.entity.js';
import { addWorkingDays, type WorkingCalendar } from '../calendar/domain/working-days.js';
import { atLocalTime } from '../common/domain/local-time.js';
import { periodCutoff, periodOf } from '../common/domain/periods.js';
import { PilotLeadAgency } from '../pilots/pilot-lead-agency.entity.js';
import { PilotStateChange } from '../pilots/pilot-state-change.entity.js';
import { Pilot } from '../pilots/pilot.entity.js';
import { RecommendationAddressee } from '../recommendations/recommendation-addressee.entity.js';
import { RecommendationBlocker } from '../recommendations/recommendation-blocker.entity.js';
import { RecommendationDistribution } from '../recommendations/recommendation-distribution.entity.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { PilotReport } from '../progress-reports/pilot-report.entity.js';
import { DEFAULT_POLICY } from '../escalation/domain/policy.js';
import { AGENCIES, BLOCKERS, PILOTS, RECOMMENDATIONS, REPORT_DATE } from './reference-data.js';
import { REPORT_442_SECTIONS } from './report-442-text.js';
import {
  DEFAULT_DISTRIBUTION,
  DEFAULT_SIGNER,
  REPORT_PLACE,
  REPORT_SYMBOL,
} from '../periods/report-text.js';
import { writeReportText } from '../periods/report-text.store.js';
import {
  lockReferencePeriod,
  seedBlockerHistory,
  seedLetterHistory,
  seedReportRevision,
} from './reference-history.js';
import { loadReferenceIndicators } from './reference-indicators.js';
import { loadReferenceMilestones } from './reference-milestones.js';

export const REPORT_PERIOD = periodOf(REPORT_DATE);
export const REPORT_REFERENCE = 'Theo Báo cáo số 442/BC-TCTĐA06 ngày 20/12/2023';
const NOT_RECORDED = 'Chưa ghi nhận';
/** Letters are taken as sent at the start of office hours on their date. */
const LETTER_TIME = '08:00';

/**
 * How many milliseconds before its sending time a reference letter is recorded: a document's
 * several letters (442's ten) 9 … 0 ms before it in the report's order; a letter alone, 0.
 */
export function recordedBeforeSending(key: string): number {
  const seed = RECOMMENDATIONS.find((r) => r.key === key)!;
  const same = RECOMMENDATIONS.filter((r) => r.documentNumber === seed.documentNumber);
  return same.length - 1 - same.indexOf(seed);
}

export interface LoadCounts {
  agencies: number;
  pilots: number;
  reports: number;
  blockers: number;
  recommendations: number;
}

/**
 * Loads the December 2023 report into the database. Only what is missing is added (agencies
 * by code, pilots by number, blockers and recommendations by their reference key), so a second
 * load adds nothing and never overwrites what users have changed since. Rows carry the report's
 * dates, not the load's: pilots, their states and reports are as of the report's date, each
 * blocker as of when it was first raised, each letter as of its date. A blocker added to a
 * database whose letters were loaded earlier is linked to the loaded letters that carry it, and
 * a loaded letter without a distribution ("Nơi nhận") gets the reference one. A loaded letter's
 * addressees are never changed.
 */
export async function loadReferenceData(
  m: EntityManager,
  calendar: WorkingCalendar,
): Promise<LoadCounts> {
  const counts: LoadCounts = {
    agencies: 0,
    pilots: 0,
    reports: 0,
    blockers: 0,
    recommendations: 0,
  };
  const asOf = atLocalTime(REPORT_DATE);

  for (const seed of AGENCIES) {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(Agency)
      .values({ code: seed.code, name: seed.name, shortName: seed.shortName, kind: seed.kind })
      .orIgnore()
      .execute();
    counts.agencies += result.identifiers.filter(Boolean).length;
  }
  const agencies = new Map((await m.find(Agency)).map((a) => [a.code, a]));
  const agencyId = (code: string) => {
    const found = agencies.get(code);
    if (!found) throw new Error(`reference data names an unknown agency ${code}`);
    return found.id;
  };
  for (const seed of AGENCIES) {
    if (seed.parentCode && !agencies.get(seed.code)!.parentId) {
      await m.update(Agency, { code: seed.code }, { parentId: agencyId(seed.parentCode) });
    }
  }
  // In 2023 the Government working group is TCT06CP; the role follows its successors from
  // there. A database migrated before it had agencies has no holder yet: this one.
  await m.query(
    `INSERT INTO agency_role (role, agency_id) VALUES ('GOVERNMENT_WORKING_GROUP', $1)
     ON CONFLICT (role) DO NOTHING`,
    [agencyId('TCT06CP')],
  );

  const pilotIds = new Map((await m.find(Pilot)).map((p) => [p.number, p.id]));
  for (const seed of PILOTS) {
    if (pilotIds.has(seed.number)) continue;
    const pilot = await m.save(
      m.create(Pilot, {
        number: seed.number,
        name: seed.name,
        state: seed.state,
        stateChangedAt: asOf,
        progress: seed.progress,
        leadAgenciesLabel: seed.leadAgenciesLabel,
        createdAt: asOf,
        updatedAt: asOf,
      }),
    );
    pilotIds.set(seed.number, pilot.id);
    await m.insert(
      PilotLeadAgency,
      seed.leadAgencyCodes.map((code, position) => ({
        pilotId: pilot.id,
        agencyId: agencyId(code),
        position,
      })),
    );
    await m.insert(PilotStateChange, {
      pilotId: pilot.id,
      fromState: null,
      toState: seed.state,
      reason: REPORT_REFERENCE,
      actorId: null,
      at: asOf,
    });
    if (seed.progress !== NOT_RECORDED) {
      const report = {
        progress: seed.progress,
        metrics: seed.metrics ? { ...seed.metrics } : null,
      };
      const { identifiers } = await m.insert(PilotReport, {
        pilotId: pilot.id,
        period: REPORT_PERIOD,
        ...report,
        createdAt: asOf,
        updatedAt: asOf,
      });
      await seedReportRevision(m, identifiers[0].id as string, report, asOf);
      counts.reports += 1;
    }
    counts.pilots += 1;
  }

  const blockerIds = new Map(
    (await m.find(Blocker, { select: { id: true, seedKey: true } }))
      .filter((b) => b.seedKey)
      .map((b) => [b.seedKey!, b.id]),
  );
  const addedBlockers = new Set<string>();
  for (const seed of BLOCKERS) {
    if (blockerIds.has(seed.key)) continue;
    const blocker = await m.save(
      m.create(Blocker, {
        pilotId: seed.pilotNumber ? pilotIds.get(seed.pilotNumber)! : null,
        topic: seed.topic ?? null,
        title: seed.title,
        description: seed.description,
        category: seed.category,
        authority: seed.authority,
        state: seed.state,
        seedKey: seed.key,
        createdAt: atLocalTime(seed.raisedOn),
        updatedAt: asOf,
      }),
    );
    await seedBlockerHistory(
      m,
      blocker.id,
      seed,
      blocker.createdAt,
      RECOMMENDATIONS.filter((r) => r.blockerKeys.includes(seed.key)).map((r) =>
        atLocalTime(r.letterDate, LETTER_TIME),
      ),
    );
    blockerIds.set(seed.key, blocker.id);
    addedBlockers.add(seed.key);
    counts.blockers += 1;
  }

  const loaded = new Map(
    (await m.find(Recommendation, { select: { id: true, seedKey: true } }))
      .filter((r) => r.seedKey)
      .map((r) => [r.seedKey!, r.id]),
  );
  const withDistribution = new Set(
    (await m.find(RecommendationDistribution, { select: { recommendationId: true } })).map(
      (d) => d.recommendationId,
    ),
  );
  const addDistribution = async (recommendationId: string, codes: readonly string[] = []) => {
    if (codes.length === 0) return;
    await m.insert(
      RecommendationDistribution,
      codes.map((code, position) => ({ recommendationId, agencyId: agencyId(code), position })),
    );
  };
  for (const seed of RECOMMENDATIONS) {
    const loadedId = loaded.get(seed.key);
    if (loadedId) {
      // Loaded before letters had a distribution: add the report's.
      if (!withDistribution.has(loadedId)) await addDistribution(loadedId, seed.distributionCodes);
      // Loaded before this blocker was part of the reference data: link the two now.
      const newlyCarried = seed.blockerKeys.filter((key) => addedBlockers.has(key));
      if (newlyCarried.length > 0) {
        await m.insert(
          RecommendationBlocker,
          newlyCarried.map((key) => ({
            recommendationId: loadedId,
            blockerId: blockerIds.get(key)!,
          })),
        );
      }
      continue;
    }
    const sentAt = atLocalTime(seed.letterDate, LETTER_TIME);
    // Recorded in the report's order: a document's several letters (442's ten) one millisecond
    // apart, the last at its sending time, so they read in its order wherever letters are
    // ordered as recorded, none recorded after it was sent.
    const createdAt = new Date(sentAt.getTime() - recordedBeforeSending(seed.key));
    const recommendation = await m.save(
      m.create(Recommendation, {
        state: seed.state,
        summary: seed.summary,
        documentNumber: seed.documentNumber,
        letterDate: seed.letterDate,
        senderAgencyId: agencyId(seed.senderAgencyCode),
        sentAt,
        responseDueAt: addWorkingDays(sentAt, DEFAULT_POLICY.responseWorkingDays, calendar),
        cycle: 1,
        seedKey: seed.key,
        createdAt,
        updatedAt: sentAt,
      }),
    );
    await m.insert(
      RecommendationAddressee,
      seed.addresseeCodes.map((code, position) => ({
        recommendationId: recommendation.id,
        agencyId: agencyId(code),
        position,
      })),
    );
    await addDistribution(recommendation.id, seed.distributionCodes);
    await seedLetterHistory(m, recommendation);
    if (seed.blockerKeys.length > 0) {
      await m.insert(
        RecommendationBlocker,
        seed.blockerKeys.map((key) => ({
          recommendationId: recommendation.id,
          blockerId: blockerIds.get(key)!,
        })),
      );
    }
    counts.recommendations += 1;
  }
  // Section I's figures and the pilots' metrics, named, before the period's snapshot is taken.
  await loadReferenceIndicators(m, REPORT_PERIOD, asOf);
  // The deadlines the report names, before the snapshot too.
  await loadReferenceMilestones(m, asOf);
  // A fresh load: the report's period is locked with the report as it read on its day.
  if (counts.pilots > 0 && (await lockReferencePeriod(m, REPORT_PERIOD, REPORT_DATE, calendar))) {
    // And its document is report 442: its number, date, signer, Nơi nhận and narrative.
    await writeReportText(
      m,
      REPORT_PERIOD,
      {
        reportNumber: '442/BC-TCTĐA06',
        reportDate: REPORT_DATE,
        symbol: REPORT_SYMBOL,
        place: REPORT_PLACE,
        signer: { ...DEFAULT_SIGNER },
        distribution: [...DEFAULT_DISTRIBUTION],
        sections: REPORT_442_SECTIONS,
      },
      periodCutoff(REPORT_PERIOD, Number(REPORT_DATE.slice(8, 10))),
      null,
    );
  }
  return counts;
}
