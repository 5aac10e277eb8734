// Entry point of the TypeORM CLI (npm run migration:*). It needs DATABASE_URL.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'DATABASE_URL must be set for the TypeORM CLI, e.g. postgres://postgres@127.0.0.1:5432/pilot_tracker',
  );
}

export default new DataSource(dataSourceOptions(url));
