// npm run bench:report — the monthly report's .docx for the 31 pilots of December 2023 and for a
// synthetic province of 1,000 pilots and 10,000 open recommendations, in the same run.
//
// 1. Through the service (issue 14, item 3): the built service (dist/, as `npm start` runs it)
//    answers GET /reports/monthly?format=docx for the large province (a locked period whose
//    snapshot holds it) while 4 clients keep calling GET /pilots. Measured in the API process:
//    its event-loop delay (test/bench/event-loop-probe.mjs, monitorEventLoopDelay) and its RSS
//    growth (VmHWM after the request less VmRSS before, the high-water mark reset through
//    /proc/<pid>/clear_refs); from outside: the GET /pilots latencies and the generation time.
//    Once with the documents rendered in a child process (DOCUMENT_WORKERS=1, the default) and
//    once in the API process (DOCUMENT_WORKERS=0, as before) — the baseline — on the same data.
//    Aim: event-loop delay p99 < 50 ms, generation ≤ 5 s, RSS growth < 200 MB.
// 2. In memory (model + render, no database, no HTTP), median of BENCH_RUNS runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
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

// ---- 1. Through the service --------------------------------------------------------------

const PERIOD = '2024-06'; // a period of its own, locked, whose snapshot is the large province
const CLIENTS = 4;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const procKiB = async (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(
    new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(
      await readFile(`/proc/${pid}/status`, 'utf8'),
    )?.[1],
  );

/** The service's children (its document processes), by pid. */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const status = await readFile(`/proc/${name}/status`, 'utf8').catch(() => '');
    if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) === pid) found.push(Number(name));
  }
  return found;
}

/**
 * CPU time (user + system, in ms) used so far by the processes, from /proc/<pid>/stat (fields
 * 14 and 15, in clock ticks of 10 ms): what the document process spent, apart from waiting for
 * a core on a busy machine.
 */
async function cpuMs(pids: number[]): Promise<Map<number, number>> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length > 12) used.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return used;
}

function ask(child: ChildProcess, message: string): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Record<string, number>));
    child.send(message);
  });
}

const quantile = (xs: number[], q: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] : 0;

/**
 * A copy of dist/ (just built by `npm run bench:report`) that this run keeps to itself: other
 * builds in the same checkout delete and rebuild dist/ at any moment. Under node_modules/.cache,
 * so that the service finds its packages.
 */
async function privateBuild(): Promise<string> {
  const dir = join('node_modules', '.cache', `bench-report-${process.pid}`);
  for (let i = 0; !existsSync('dist/src/main.js'); i++) {
    if (i > 600) throw new Error('no dist/src/main.js: run npm run bench:report');
    await new Promise((r) => setTimeout(r, 200));
  }
  await cp('dist', join(dir, 'dist'), { recursive: true });
  return join(dir, 'dist', 'src', 'main.js');
}

async function throughService(
  main: string,
  documentWorkers: number,
  databaseUrl: string,
  dataDir: string,
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = spawn(process.execPath, ['--import', './test/bench/event-loop-probe.mjs', main], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      APP_ROLE: 'api',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      DOCUMENT_WORKERS: String(documentWorkers),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 2400 || service.exitCode !== null) throw new Error('the service did not start');
      const up = await fetch(`${url}/api/v1/health/live`).catch(() => null);
      if (up && up.status < 500) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lanhdao@demo.example', password: 'demo-pilot-06' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };
    const docx = async (period: string) => {
      const r = await fetch(`${url}/api/v1/reports/monthly?period=${period}&format=docx`, {
        headers,
      });
      if (r.status !== 200) throw new Error(`docx ${period}: ${r.status} ${await r.text()}`);
      return Buffer.from(await r.arrayBuffer());
    };
    // Warm up: JIT, the pools, and (DOCUMENT_WORKERS=1) the document process, on a small report.
    await docx('2023-12');
    for (let i = 0; i < 50; i++) await fetch(`${url}/api/v1/pilots`, { headers });

    // GET /pilots from CLIENTS clients, one request after another each, until told to stop.
    let running = true;
    const latencies: number[] = [];
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (running) {
        const t0 = performance.now();
        const r = await fetch(`${url}/api/v1/pilots`, { headers });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`GET /pilots: ${r.status}`);
        latencies.push(performance.now() - t0);
      }
    });
    // The document processes' peak RSS, sampled from outside.
    let childPeakKiB = 0;
    const sampler = setInterval(() => {
      void childrenOf(service.pid!).then(async (pids) => {
        for (const pid of pids) {
          childPeakKiB = Math.max(childPeakKiB, await procKiB(pid, 'VmRSS').catch(() => 0));
        }
      });
    }, 100);

    let measured;
    let clientsDone: PromiseSettledResult<void>[] = [];
    try {
      await ask(service, 'event-loop:reset');
      await new Promise((r) => setTimeout(r, 2000)); // the clients alone: the run's reference
      const idleLoop = await ask(service, 'event-loop:read');
      const idleP99 = quantile(latencies, 0.99);
      latencies.length = 0;
      await writeFile(`/proc/${service.pid}/clear_refs`, '5'); // VmHWM := VmRSS
      const rssBefore = await procKiB(service.pid!, 'VmRSS');
      const cpuBefore = await cpuMs([service.pid!, ...(await childrenOf(service.pid!))]);
      await ask(service, 'event-loop:reset');
      const t0 = performance.now();
      const bytes = await docx(PERIOD);
      const generationMs = performance.now() - t0;
      const loop = await ask(service, 'event-loop:read');
      const rssPeak = await procKiB(service.pid!, 'VmHWM');
      const cpuAfter = await cpuMs([service.pid!, ...(await childrenOf(service.pid!))]);
      // The document processes' CPU (one started by this request counts from 0).
      let childCpuMs = 0;
      for (const [pid, ms] of cpuAfter) {
        if (pid !== service.pid) childCpuMs += ms - (cpuBefore.get(pid) ?? 0);
      }
      const apiCpuMs = cpuAfter.get(service.pid!)! - cpuBefore.get(service.pid!)!;
      measured = {
        idleP99,
        idleLoop,
        rssBefore,
        bytes,
        generationMs,
        loop,
        rssPeak,
        childCpuMs,
        apiCpuMs,
      };
    } finally {
      // Stop the clients before the service goes, whatever happened.
      running = false;
      clearInterval(sampler);
      clientsDone = await Promise.allSettled(clients);
    }
    const failed = clientsDone.find((c) => c.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const {
      idleP99,
      idleLoop,
      rssBefore,
      bytes,
      generationMs,
      loop,
      rssPeak,
      childCpuMs,
      apiCpuMs,
    } = measured;
    return {
      documents: documentWorkers > 0 ? 'child process' : 'in the API (before)',
      generationMs: Math.round(generationMs),
      apiCpuMs,
      childCpuMs,
      loopP50Ms: loop.p50,
      loopP99Ms: loop.p99,
      loopMaxMs: loop.max,
      idleLoopP99Ms: idleLoop.p99,
      pilotsRequests: latencies.length,
      pilotsP50Ms: Math.round(quantile(latencies, 0.5)),
      pilotsP99Ms: Math.round(quantile(latencies, 0.99)),
      pilotsMaxMs: Math.round(Math.max(0, ...latencies)),
      pilotsIdleP99Ms: Math.round(idleP99),
      apiRssGrowthMiB: Math.round((rssPeak - rssBefore) / 1024),
      childPeakMiB: Math.round(childPeakKiB / 1024),
      docxKiB: Math.round(bytes.length / 1024),
      sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 12),
    };
  } finally {
    service.kill('SIGINT');
    if (service.exitCode === null) await new Promise((r) => service.once('exit', r));
  }
}

async function serviceRun() {
  const main = await privateBuild();
  const base = await mkdtemp(join(tmpdir(), 'de-an-06-bench-report-'));
  await chmod(base, 0o755);
  const embedded = process.env.BENCH_DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: join(base, 'pg'), database: 'bench' });
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
  try {
    await prepareDatabase(databaseUrl, { seedDemo: true, demoPassword: 'demo-pilot-06' });
    const source = {
      ...syntheticSource(PILOTS, RECOMMENDATIONS),
      period: PERIOD,
      previousPeriod: '2024-05',
      asOf: '2024-07-05T01:00:00.000Z',
    };
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    // A run before this one on the same database (BENCH_DATABASE_URL) left its period behind.
    await db.query(`DELETE FROM period_snapshot WHERE period = $1`, [PERIOD]);
    await db.query(`DELETE FROM report_period WHERE period = $1`, [PERIOD]);
    await db.query(`INSERT INTO report_period (period, locked_at) VALUES ($1, $2)`, [
      PERIOD,
      source.asOf,
    ]);
    await db.query(
      `INSERT INTO period_snapshot (period, taken_at, data) VALUES ($1, $2, $3::jsonb)`,
      [PERIOD, source.asOf, JSON.stringify(source)],
    );
    await db.end();
    const baseline = await throughService(main, 0, databaseUrl, join(base, 'data'));
    console.log('in the API:', baseline);
    const worker = await throughService(main, 1, databaseUrl, join(base, 'data'));
    console.log('child process:', worker);
    return [baseline, worker];
  } finally {
    await embedded?.stop();
    await rm(base, { recursive: true, force: true }).catch(() => undefined);
    await rm(join(main, '..', '..', '..'), { recursive: true, force: true });
  }
}

const [inApi, offLoop] = await serviceRun();
console.log(
  `\nGET /reports/monthly?format=docx, ${PILOTS} pilots + ${RECOMMENDATIONS} recommendations (a locked period's snapshot), ` +
    `through the built service while ${CLIENTS} clients call GET /pilots (Node ${process.version})\n`,
);
console.table([inApi, offLoop]);
const sameBytes = inApi.sha256 === offLoop.sha256;
console.log(
  `child process vs in the API: event-loop delay p99 ${offLoop.loopP99Ms} ms vs ${inApi.loopP99Ms} ms ` +
    `(aim < 50 ms; ${offLoop.idleLoopP99Ms} ms before the report, with GET /pilots alone), ` +
    `GET /pilots p99 ${offLoop.pilotsP99Ms} ms vs ${inApi.pilotsP99Ms} ms, ` +
    `generation ${offLoop.generationMs} ms vs ${inApi.generationMs} ms (aim ≤ 5000 ms, ×${(offLoop.generationMs / inApi.generationMs).toFixed(2)}; ` +
    `CPU of the document process ${offLoop.childCpuMs} ms, of the API ${offLoop.apiCpuMs} ms vs ${inApi.apiCpuMs} ms), ` +
    `API RSS growth ${offLoop.apiRssGrowthMiB} MiB vs ${inApi.apiRssGrowthMiB} MiB (aim < 200 MiB); ` +
    `same bytes: ${sameBytes ? 'yes' : 'NO'}`,
);
if (!sameBytes || offLoop.loopP99Ms >= 50 || offLoop.apiRssGrowthMiB >= 200) process.exitCode = 1;

// ---- 2. In memory ---------------------------------------------------------------------------

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
