// npm run bench:report — time to build the monthly report's .docx (model + Word document) for
// the 31 pilots of December 2023 and for a synthetic province of 1,000 pilots and 10,000 open
// recommendations, in the same run. Everything is in memory: the builder and the renderers are
// plain functions, the database read is not part of it. Aim: under 1 s and under 10 s.
import { performance } from 'node:perf_hooks';
import { buildMonthlyReport } from '../../src/documents/monthly/monthly-report.builder.js';
import { renderMonthlyDocx } from '../../src/documents/monthly/monthly-report.docx.js';
import { renderMonthlyXlsx } from '../../src/documents/monthly/monthly-report.xlsx.js';
import type {
  MonthlySource,
  SourceAgency,
  SourcePilot,
  SourceRecommendation,
} from '../../src/periods/monthly-source.js';
import { referenceMonthlySource } from '../support/reference-source.js';
import type { PilotState } from '../../src/pilots/domain/pilot-state.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PILOTS = Number(process.env.BENCH_PILOTS ?? 1000);
const RECOMMENDATIONS = Number(process.env.BENCH_RECOMMENDATIONS ?? 10_000);

/** A province shaped like the real one, scaled up: texts are cut from report 442 itself. */
function syntheticSource(pilotCount: number, recommendationCount: number): MonthlySource {
  const reference = referenceMonthlySource();
  const texts = reference.pilots.map((p) => p.report).filter((t): t is string => t !== null);
  const summaries = reference.recommendations.map((r) => r.summary);
  const agencies: SourceAgency[] = Array.from({ length: 80 }, (_, i) => ({
    code: `DV${i + 1}`,
    name: `Sở Ngành số ${i + 1} tỉnh Khánh Hòa`,
    reportName: `Sở Ngành số ${i + 1}`,
  }));
  const states: PilotState[] = [
    'NOT_STARTED',
    'PREPARING',
    'PILOTING',
    'OPERATING',
    'OPERATING',
    'PILOTING',
    'COMPLETED',
    'SUSPENDED',
  ];
  const pilots: SourcePilot[] = Array.from({ length: pilotCount }, (_, i) => {
    const lead = [agencies[i % agencies.length], agencies[(i * 7 + 3) % agencies.length]];
    const state = states[i % states.length];
    return {
      number: i + 1,
      name: `${reference.pilots[i % 31].name} (điểm ${i + 1})`,
      state,
      leadAgencies: i % 5 === 0 ? lead : lead.slice(0, 1),
      leadAgenciesLabel: i % 3 === 0 ? null : lead[0].name,
      report: state === 'NOT_STARTED' ? null : texts[i % texts.length],
      openBlockers:
        i % 4 === 0
          ? [
              {
                id: `b${i}`,
                title: 'Vướng mắc',
                category: 'GUIDANCE',
                authority: 'CENTRAL',
                state: 'OPEN',
              },
            ]
          : [],
    };
  });
  const day = (n: number) => new Date(Date.UTC(2022, 0, 3) + n * 86_400_000).toISOString();
  const recommendations: SourceRecommendation[] = Array.from(
    { length: recommendationCount },
    (_, i) => ({
      id: `r${i}`,
      state: i % 10 === 0 ? 'ANSWERED' : 'SENT',
      documentNumber: `${1000 + i}/TCTĐA06-CAT`,
      letterDate: day(i % 700).slice(0, 10),
      addressees: agencies.slice(i % 70, (i % 70) + 1 + (i % 3)),
      summary: summaries[i % summaries.length],
      sentAt: day(i % 700),
      responseDueAt: day((i % 700) + 21),
      overdue: i % 10 !== 0,
      workingDaysOverdue: i % 10 === 0 ? 0 : 400 - (i % 400),
      escalationLevel: i % 4,
      escalationLevelName: ['', 'Nhắc hạn', 'Đôn đốc', 'Báo cáo lãnh đạo'][i % 4] || null,
      pilotNumbers: [(i % pilotCount) + 1],
    }),
  );
  return {
    ...reference,
    pilots,
    recommendations,
    changes: {
      stateMoves: pilots.slice(0, pilotCount / 10).map((p) => ({
        pilotNumber: p.number,
        pilotName: p.name,
        from: 'PREPARING',
        to: 'PILOTING',
        reason: null,
        at: reference.asOf,
      })),
      blockersCreated: reference.changes.blockersCreated,
      blockersResolved: [],
      responsesReceived: [],
    },
  };
}

async function time(label: string, source: MonthlySource) {
  const options = { provenance: { kind: 'snapshot' as const, snapshotId: 'bench' } };
  // Warm up (JIT), then measure.
  await renderMonthlyDocx(buildMonthlyReport(source, options));
  const docx: number[] = [];
  const xlsx: number[] = [];
  let bytes = 0;
  let xlsxBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const model = buildMonthlyReport(source, options);
    bytes = (await renderMonthlyDocx(model)).length;
    docx.push(performance.now() - t0);
    t0 = performance.now();
    xlsxBytes = (await renderMonthlyXlsx(buildMonthlyReport(source, options))).length;
    xlsx.push(performance.now() - t0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    label,
    pilots: source.pilots.length,
    recommendations: source.recommendations.length,
    docxMs: Math.round(median(docx)),
    docxKiB: Math.round(bytes / 1024),
    xlsxMs: Math.round(median(xlsx)),
    xlsxKiB: Math.round(xlsxBytes / 1024),
  };
}

const baseline = await time('December 2023 (report 442)', referenceMonthlySource());
const large = await time(`synthetic province`, syntheticSource(PILOTS, RECOMMENDATIONS));
const rssMiB = Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in KiB

console.log(
  `\nMonthly report, model + render, median of ${RUNS} runs after a warm-up (Node ${process.version})\n`,
);
console.table([baseline, large]);
console.log(`peak RSS ≈ ${rssMiB} MiB`);
console.log(
  `docx: ${baseline.docxMs} ms for 31 pilots (aim < 1000 ms), ` +
    `${large.docxMs} ms for ${PILOTS} pilots + ${RECOMMENDATIONS} recommendations (aim < 10000 ms), ` +
    `×${(large.docxMs / Math.max(baseline.docxMs, 1)).toFixed(0)} the baseline`,
);
if (baseline.docxMs >= 1000 || large.docxMs >= 10_000) process.exitCode = 1;
