import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Model-based test: random command sequences run against the real service and against a
 * simple model of both state machines, written here from product.md §3 independently of src/.
 */
type PState = 'NOT_STARTED' | 'PREPARING' | 'PILOTING' | 'OPERATING' | 'COMPLETED' | 'SUSPENDED';
type RState = 'DRAFT' | 'SENT' | 'ANSWERED' | 'CLOSED' | 'WITHDRAWN';
const P_STATES: PState[] = [
  'NOT_STARTED',
  'PREPARING',
  'PILOTING',
  'OPERATING',
  'COMPLETED',
  'SUSPENDED',
];

// '' free, 'r' reason, 'g' guard, 's' secretariat + reason; absent: refused.
const MODEL: Record<PState, Partial<Record<PState, '' | 'r' | 'g' | 's'>>> = {
  NOT_STARTED: { PREPARING: '', PILOTING: '', SUSPENDED: 'r' },
  PREPARING: { NOT_STARTED: 'r', PILOTING: '', SUSPENDED: 'r' },
  PILOTING: { PREPARING: 'r', OPERATING: '', SUSPENDED: 'r' },
  OPERATING: { PILOTING: 'r', COMPLETED: 'g', SUSPENDED: 'r' },
  COMPLETED: { OPERATING: 's' },
  SUSPENDED: { PREPARING: 'r', PILOTING: 'r', OPERATING: 'r' },
};
const R_MOVES: Record<string, Partial<Record<RState, RState>>> = {
  send: { DRAFT: 'SENT' },
  responses: { SENT: 'ANSWERED', ANSWERED: 'ANSWERED' },
  close: { ANSWERED: 'CLOSED' },
  withdraw: { DRAFT: 'WITHDRAWN', SENT: 'WITHDRAWN' },
  reopen: { ANSWERED: 'SENT' },
};
const R_BODIES: Record<string, object> = {
  send: { documentNumber: '77/TCTĐA06-CAT', letterDate: '2024-01-15' },
  responses: { documentNumber: '12/BCA-C06', date: '2024-01-16', summary: 'Trả lời' },
  close: {},
  withdraw: { reason: 'Rút' },
  reopen: { reason: 'Chưa đủ' },
};

interface Model {
  pilot: { state: PState; version: number; openBlocker: boolean; recentReport: boolean };
  rec: { state: RState; cycle: number };
}
interface Real {
  t: TestApp;
  tokens: { secretariat: string; officer: string };
  recId: string;
  blockerId: string;
}

const PILOT = 20; // led by STTTT, the officer below

class Transition implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly to: PState,
    readonly asSecretariat: boolean,
    readonly withReason: boolean,
    readonly stale: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const body = {
      to: this.to,
      version: m.pilot.version + (this.stale ? 1 : 0),
      ...(this.withReason ? { reason: 'Theo chỉ đạo' } : {}),
    };
    const res = await r.t.request('POST', `/api/v1/pilots/${PILOT}/transitions`, {
      token: this.asSecretariat ? r.tokens.secretariat : r.tokens.officer,
      body,
    });
    const rule = MODEL[m.pilot.state][this.to];
    let expected: [number, string?];
    if (this.stale) expected = [409, 'VERSION_CONFLICT'];
    else if (rule === undefined) expected = [409, 'PILOT_TRANSITION_NOT_ALLOWED'];
    else if (rule === 's' && !this.asSecretariat) expected = [403, 'FORBIDDEN'];
    else if ((rule === 'r' || rule === 's') && !this.withReason)
      expected = [400, 'VALIDATION_FAILED'];
    else if (rule === 'g' && (m.pilot.openBlocker || !m.pilot.recentReport))
      expected = [409, 'PILOT_TRANSITION_NOT_ALLOWED'];
    else expected = [200];
    expect([res.status, res.body.code]).toEqual([expected[0], expected[1]]);
    if (res.status === 200) {
      m.pilot.state = this.to;
      m.pilot.version += 1;
      expect([res.body.state, res.body.version]).toEqual([m.pilot.state, m.pilot.version]);
    } else {
      const [row] = await r.t.app
        .get(DataSource)
        .query(`SELECT state, version FROM pilot WHERE number = $1`, [PILOT]);
      expect([row.state, row.version]).toEqual([m.pilot.state, m.pilot.version]);
    }
  }
  toString = () =>
    `transition(${this.to}${this.asSecretariat ? ', secretariat' : ''}${this.withReason ? ', reason' : ''}${this.stale ? ', stale' : ''})`;
}

class Move implements fc.AsyncCommand<Model, Real> {
  constructor(readonly command: string) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const res = await r.t.request('POST', `/api/v1/recommendations/${r.recId}/${this.command}`, {
      token: r.tokens.secretariat,
      body: R_BODIES[this.command],
    });
    const next = R_MOVES[this.command][m.rec.state];
    if (!next) {
      expect([res.status, res.body.code]).toEqual([409, 'RECOMMENDATION_TRANSITION_NOT_ALLOWED']);
    } else {
      expect(res.status).toBe(200);
      if (this.command === 'reopen') m.rec.cycle += 1;
      m.rec.state = next;
      expect([res.body.state, res.body.cycle]).toEqual([m.rec.state, m.rec.cycle]);
    }
    const [blocker] = await r.t.app
      .get(DataSource)
      .query(`SELECT state FROM blocker WHERE id = $1`, [r.blockerId]);
    expect(blocker.state).toBe(m.rec.state === 'SENT' ? 'ESCALATED' : 'OPEN');
  }
  toString = () => this.command;
}

const commands = [
  fc
    .tuple(
      fc.constantFrom(...P_STATES),
      fc.boolean(),
      fc.boolean(),
      fc.boolean().map((b) => b && Math.random() < 0.3),
    )
    .map(([to, sec, reason, stale]) => new Transition(to, sec, reason, stale)),
  fc.constantFrom(...Object.keys(R_MOVES)).map((c) => new Move(c)),
];

describe('state machines against a model', () => {
  let t: TestApp;
  let tokens: Real['tokens'];
  let runs = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    tokens = {
      secretariat: await t.login('thuky@demo.example'),
      officer: await t.login('stttt@demo.example'),
    };
  });
  afterAll(async () => {
    console.warn(`state machines: ${runs} random command sequences matched the model`);
    await t.close();
  });

  it('agree on 500 random command sequences', async () => {
    const ds = t.app.get(DataSource);
    const [{ id: pilotId }] = await ds.query(`SELECT id FROM pilot WHERE number = $1`, [PILOT]);
    const [{ id: addressee }] = await ds.query(`SELECT id FROM agency WHERE code = 'BCA'`);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...P_STATES),
        fc.boolean(),
        fc.boolean(),
        fc.commands(commands, { maxCommands: 8 }),
        async (start, openBlocker, recentReport, cmds) => {
          runs += 1;
          // A clean pilot 20 in the chosen state, and a fresh draft letter covering a fresh blocker.
          await ds.query(
            `DELETE FROM recommendation_blocker WHERE blocker_id IN (SELECT id FROM blocker WHERE pilot_id = $1)`,
            [pilotId],
          );
          await ds.query(`DELETE FROM blocker WHERE pilot_id = $1`, [pilotId]);
          await ds.query(`DELETE FROM pilot_report WHERE pilot_id = $1`, [pilotId]);
          await ds.query(`UPDATE pilot SET state = $2 WHERE id = $1`, [pilotId, start]);
          const [{ version }] = await ds.query(`SELECT version FROM pilot WHERE id = $1`, [
            pilotId,
          ]);
          if (recentReport)
            await ds.query(
              `INSERT INTO pilot_report (pilot_id, period, progress) VALUES ($1, '2024-01', 'x')`,
              [pilotId],
            );
          if (openBlocker)
            await ds.query(
              `INSERT INTO blocker (pilot_id, title, description, category, authority, state) VALUES ($1, 'b', 'd', 'OTHER', 'PROVINCE', 'OPEN')`,
              [pilotId],
            );
          const [blocker] = await ds.query(
            `INSERT INTO blocker (topic, title, description, category, authority, state) VALUES ('mô hình', 't', 'd', 'OTHER', 'CENTRAL', 'OPEN') RETURNING id`,
          );
          const [rec] = await ds.query(
            `INSERT INTO recommendation (state, summary) VALUES ('DRAFT', 'Dự thảo') RETURNING id`,
          );
          await ds.query(
            `INSERT INTO recommendation_addressee (recommendation_id, agency_id, position) VALUES ($1, $2, 0)`,
            [rec.id, addressee],
          );
          await ds.query(
            `INSERT INTO recommendation_blocker (recommendation_id, blocker_id) VALUES ($1, $2)`,
            [rec.id, blocker.id],
          );
          const model: Model = {
            pilot: { state: start, version, openBlocker, recentReport },
            rec: { state: 'DRAFT', cycle: 1 },
          };
          await fc.asyncModelRun(
            () => ({ model, real: { t, tokens, recId: rec.id, blockerId: blocker.id } }),
            cmds,
          );
        },
      ),
      // 500 sequences of up to 8 commands cover the 6 × 5 states many times over (CI time).
      { numRuns: 500 },
    );
    expect(runs).toBeGreaterThanOrEqual(500);
  }, 300_000); // about 40 s alone; more when the other test files share the machine
});
