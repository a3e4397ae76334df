import { type StoredTask } from '@baton/server';

import { type TaskSource } from './sources.js';

/** A task found in one of the sources. */
export interface FoundTask {
  source: TaskSource;
  stored: StoredTask;
}

/** Looks a task id up in every source (ids are unique per store); undefined when none has it. */
export async function findTask(
  sources: readonly TaskSource[],
  taskId: string,
): Promise<FoundTask | undefined> {
  const found = await Promise.all(
    sources.map(async (source) => {
      const stored = await source.store.tasks.get(source.scope, taskId);
      return stored && { source, stored };
    }),
  );
  return found.find((entry) => entry !== undefined);
}
