import { describe } from 'vitest';

import { describeCopies } from './copies.js';
import { describeEventLog } from './event-log.js';
import { type StoreFactory, useStore } from './fixture.js';
import { describeMessageStore } from './message-store.js';
import { describePushConfigStore } from './push-config-store.js';
import { describeSubscribe } from './subscribe.js';
import { describeTaskList } from './task-list.js';
import { describeTaskStore } from './task-store.js';

/** Options of {@link describeStoreConformance}. */
export interface StoreConformanceOptions {
  /**
   * Run the `TaskStore.list` full-text search tests; set it when `supportsTextSearch` is true.
   * @default false
   */
  textSearch?: boolean | undefined;
}

/**
 * Registers the conformance suite of Baton stores: vitest `describe`/`it` blocks that check every
 * promise of `EventLog`, `TaskStore`, `MessageStore` and `PushConfigStore`. Call it at the top
 * level of a store package's test file. `factory` runs before each test and the store is closed
 * after it; the tests use fresh tenants and ids, so stores may share one database.
 * @example
 * import { describeStoreConformance } from '@baton/test-utils';
 * import { createSqliteStore } from '../src/index.js';
 *
 * describeStoreConformance('sqlite', () => createSqliteStore({ path: ':memory:' }), {
 *   textSearch: true,
 * });
 */
export function describeStoreConformance(
  name: string,
  factory: StoreFactory,
  options: StoreConformanceOptions = {},
): void {
  describe(`${name} store conformance`, () => {
    const fixture = useStore(factory);
    describeEventLog(fixture);
    describeSubscribe(fixture);
    describeTaskStore(fixture);
    describeTaskList(fixture, options.textSearch ?? false);
    describeMessageStore(fixture);
    describePushConfigStore(fixture);
    describeCopies(fixture);
  });
}
