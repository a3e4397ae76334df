import { type Task } from '@baton/protocol';
import { type BatonStore, type TaskOwnership, type TaskReducer } from '@baton/server';
import { afterEach, beforeEach } from 'vitest';

import { makeTask } from '../builders.js';

/** Makes the store under test; each test gets a new one. */
export type StoreFactory = () => Promise<BatonStore> | BatonStore;

/** The store of the running test. */
export interface StoreFixture {
  readonly store: BatonStore;
}

/**
 * Registers hooks that make a store before each test and close it after. Tests use fresh tenants
 * and ids, so a factory may hand out stores that share one database.
 */
export function useStore(factory: StoreFactory): StoreFixture {
  let current: BatonStore | undefined;
  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get store(): BatonStore {
      if (!current) throw new Error('the store exists only while a test runs');
      return current;
    },
  };
}

/** A tenant and owner no other test uses. */
export function newOwnership(): TaskOwnership {
  const id = crypto.randomUUID();
  return { tenant: `tenant-${id}`, owner: `owner-${id}` };
}

/** Creates a task through the event log and returns it as stored. */
export async function createTask(
  store: BatonStore,
  ownership: TaskOwnership,
  overrides: Partial<Task> = {},
): Promise<Task> {
  const { task } = await store.events.create(ownership, makeTask(overrides));
  return task.task;
}

/** A reducer that refuses every event after scribbling on its input. */
export const refusingReducer: TaskReducer = (current) => {
  current.task.status.state = 'TASK_STATE_FAILED';
  current.task.history = [];
  current.seq = 999;
  throw new Error('refused by the test reducer');
};

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A fixed status time, `offsetSeconds` after 2030-01-01T00:00:00Z. */
export function at(offsetSeconds: number): string {
  return new Date(Date.UTC(2030, 0, 1) + offsetSeconds * 1000).toISOString();
}
