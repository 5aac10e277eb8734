// `npm run seed`: loads the December 2023 report (and, outside production, the demo accounts)
// into the database the service would use, adding only what is missing.
import 'reflect-metadata';
import { loadConfig } from './config/app-config.js';
import { prepareDatabase } from './database/prepare-database.js';
import { resolveDatabase } from './database/resolve-database.js';

const config = loadConfig();
const database = await resolveDatabase(config, () => undefined);
try {
  const result = await prepareDatabase(database.url, config);
  process.stdout.write(
    `${database.description}\nadded: ${JSON.stringify(result.loaded)}; demo accounts added: ${result.demoAccountsAdded}\n`,
  );
} finally {
  await database.embedded?.stop();
}
