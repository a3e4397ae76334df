import { createInMemoryStore } from '@baton/server';

import { describeStoreConformance } from './index.js';

describeStoreConformance('in-memory', () => createInMemoryStore(), { textSearch: true });
