import { UnsupportedOperationError } from '@baton/protocol';

import { type PushConfigStore, type StoredPushConfig } from '../push-config-store.js';

/**
 * Stores push configs within `limits.maxPushConfigsPerTask`: a config with an id the task does not
 * have yet is refused once the task has the most allowed, while replacing a config by its id
 * always passes. The configs of one task are admitted one after another in this process, so
 * concurrent calls cannot pass the bound together (instances sharing a store each keep it on
 * their own).
 */
export class PushConfigAdmission {
  readonly #store: PushConfigStore;
  readonly #maxPerTask: number;
  /** The last admission of each task with one in progress. */
  readonly #pending = new Map<string, Promise<void>>();

  constructor(store: PushConfigStore, maxPerTask: number) {
    this.#store = store;
    this.#maxPerTask = maxPerTask;
  }

  /** Stores `config` when the task has room for it; see the class. */
  put(config: StoredPushConfig): Promise<StoredPushConfig> {
    const { taskId } = config;
    // `settled` never rejects, so the next admission of the task waits for this one either way.
    const previous = this.#pending.get(taskId);
    const admitted = previous ? previous.then(() => this.#admit(config)) : this.#admit(config);
    const settled = admitted.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.set(taskId, settled);
    void settled.then(() => {
      if (this.#pending.get(taskId) === settled) this.#pending.delete(taskId);
    });
    return admitted;
  }

  async #admit(config: StoredPushConfig): Promise<StoredPushConfig> {
    if (!(await this.#store.get(config.taskId, config.id))) {
      const max = this.#maxPerTask;
      const { configs } = await this.#store.list(config.taskId, { pageSize: Math.max(1, max) });
      if (configs.length >= max) {
        throw new UnsupportedOperationError(
          `Task ${config.taskId} already has ${configs.length} push notification configs, the ` +
            'most allowed (limits.maxPushConfigsPerTask); delete one or replace one by its id',
          { metadata: { taskId: config.taskId } },
        );
      }
    }
    return this.#store.put(config);
  }
}
