// Starts an embedded PostgreSQL and waits, so a test can kill this process with SIGKILL
// and leave the server orphaned, as a crashed `npm start` would.
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

const pg = await startEmbeddedPostgres({ dataDir: process.argv[2], database: 'postgres' });
process.stdout.write(`READY ${pg.url}\n`);
setInterval(() => undefined, 1 << 30);
