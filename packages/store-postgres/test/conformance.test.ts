import { describeStoreConformance } from '@baton/test-utils';
import { describePostgres, dropSchema, freshSchema } from '@baton-apps/test-support/postgres';
import { afterAll } from 'vitest';

import { openStore } from './database.js';

const schema = freshSchema();

describePostgres('PostgresStore conformance', () => {
  afterAll(() => dropSchema(schema));
  describeStoreConformance('PostgresStore', () => openStore({ schema }), { textSearch: true });
});
