import { describeStoreConformance } from '@baton/test-utils';

import { createSqliteStore } from '../src/index.js';
import { tempDatabase } from './helpers.js';

// One file for the whole suite: every test reopens it, so migrations run on an existing schema.
const path = tempDatabase();

describeStoreConformance('sqlite (file)', () => createSqliteStore({ path }), { textSearch: true });

describeStoreConformance('sqlite (:memory:)', () => createSqliteStore({ path: ':memory:' }), {
  textSearch: true,
});
