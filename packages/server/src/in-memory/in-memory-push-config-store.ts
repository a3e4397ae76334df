import { cloneJson } from '../clone-json.js';
import { type PushConfigStore, type StoredPushConfig } from '../push-config-store.js';
import { InMemoryState } from './in-memory-state.js';
import { decodePageToken, encodePageToken, isObject } from './page-token.js';

/** Where a push config listing stopped: the creation rank of the last config. */
interface PushConfigCursor {
  k: 'push';
  r: number;
}

function isPushConfigCursor(value: unknown): value is PushConfigCursor {
  return isObject(value) && value.k === 'push' && Number.isInteger(value.r);
}

/**
 * Webhook configs of the in-memory store, per task in creation order. Replacing a config keeps
 * its place in that order.
 */
export class InMemoryPushConfigStore implements PushConfigStore {
  readonly #state: InMemoryState;

  /** @param state the tables shared with the other in-memory stores; a fresh one by default */
  constructor(state: InMemoryState = new InMemoryState()) {
    this.#state = state;
  }

  async put(config: StoredPushConfig): Promise<StoredPushConfig> {
    const { pushConfigs } = this.#state;
    let configs = pushConfigs.get(config.taskId);
    if (!configs) pushConfigs.set(config.taskId, (configs = new Map()));
    const rank = configs.get(config.id)?.rank ?? this.#state.nextPushConfigRank();
    configs.set(config.id, { config: cloneJson(config), rank });
    return cloneJson(config);
  }

  async get(taskId: string, id: string): Promise<StoredPushConfig | undefined> {
    const entry = this.#state.pushConfigs.get(taskId)?.get(id);
    return entry && cloneJson(entry.config);
  }

  async list(
    taskId: string,
    options: { pageSize?: number; pageToken?: string } = {},
  ): Promise<{ configs: StoredPushConfig[]; nextPageToken: string }> {
    const cursor = options.pageToken
      ? decodePageToken(options.pageToken, isPushConfigCursor)
      : undefined;
    // A page size of 0 (the proto default) or none means every config.
    const pageSize = options.pageSize !== undefined && options.pageSize > 0 ? options.pageSize : 0;
    const entries = [...(this.#state.pushConfigs.get(taskId)?.values() ?? [])].filter(
      (entry) => cursor === undefined || entry.rank > cursor.r,
    );
    const page = pageSize > 0 ? entries.slice(0, pageSize) : entries;
    const last = page.at(-1);
    return {
      configs: page.map((entry) => cloneJson(entry.config)),
      nextPageToken:
        last && entries.length > page.length ? encodePageToken({ k: 'push', r: last.rank }) : '',
    };
  }

  async delete(taskId: string, id: string): Promise<boolean> {
    const configs = this.#state.pushConfigs.get(taskId);
    const existed = configs?.delete(id) ?? false;
    if (configs?.size === 0) this.#state.pushConfigs.delete(taskId);
    return existed;
  }

  async deleteAll(taskId: string): Promise<void> {
    this.#state.pushConfigs.delete(taskId);
  }
}
