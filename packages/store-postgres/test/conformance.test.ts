import { describeStoreConformance } from '@baton/test-utils';
import { afterAll } from 'vitest';

import { describePostgres, dropSchema, freshSchema, openStore } from './database.js';

const schema = freshSchema();

describePostgres('PostgresStore conformance', () => {
  afterAll(() => dropSchema(schema));
  describeStoreConformance('PostgresStore', () => openStore({ schema }), { textSearch: true });
});
