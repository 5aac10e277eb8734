// The benchmark's baseline: a bare node:http handler that runs the same SQL as GET /api/v1/pilots
// (one statement: page, computed fields, lead agencies, total) on a pg pool of the same size and
// answers the same JSON; no framework, no authentication, no validation, no logging.
import { createServer } from 'node:http';
import pg from 'pg';
import { pageOf } from '../../src/common/pagination.js';
import {
  pilotListStatements,
  toPilotView,
  type PilotRow,
} from '../../src/pilot-board/pilot-read.service.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const server = createServer(async (_req, res) => {
  const query = { limit: 50, offset: 0 };
  const sql = pilotListStatements(query, new Date());
  const rows = (await pool.query<PilotRow>(sql.page.text, sql.page.values)).rows;
  const total =
    rows[0]?.total ??
    (await pool.query<{ total: number }>(sql.count.text, sql.count.values)).rows[0].total;
  const body = JSON.stringify(pageOf(rows.map(toPilotView), total, query));
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('READY\n'));
process.on('SIGINT', () => server.close(() => pool.end().then(() => process.exit(0))));
