import { type StreamResponse } from '@baton/protocol';

import { errorMessage, type Logger } from '../logger.js';
import { type PushNotificationSender } from '../push/push-notification-sender.js';
import { type PushConfigStore } from '../push-config-store.js';
import { delay } from '../runtime/deferred.js';

/**
 * Sends every task event to the task's webhooks in the background: one `send` per config, never
 * awaited by the task. `close` waits (bounded) for deliveries in flight, then aborts them.
 */
export class PushNotifier {
  readonly #configs: PushConfigStore;
  readonly #sender: PushNotificationSender;
  readonly #logger: Logger;
  readonly #enabled: boolean;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #shutdown = new AbortController();

  constructor(
    configs: PushConfigStore,
    sender: PushNotificationSender,
    logger: Logger,
    enabled: boolean,
  ) {
    this.#configs = configs;
    this.#sender = sender;
    this.#logger = logger;
    this.#enabled = enabled;
  }

  /** Deliveries not finished yet (for tests). */
  get pending(): number {
    return this.#inFlight.size;
  }

  /** Queues delivery of one event to every config of the task. Never throws, never waits. */
  notify(taskId: string, event: StreamResponse): void {
    if (!this.#enabled || this.#shutdown.signal.aborted) return;
    this.#track(this.#deliver(taskId, event));
  }

  /** Waits up to `graceMs` for deliveries in flight, then aborts the rest. */
  async close(graceMs: number): Promise<void> {
    const timer = new AbortController();
    await Promise.race([Promise.allSettled([...this.#inFlight]), delay(graceMs, timer.signal)]);
    timer.abort();
    this.#shutdown.abort();
    await Promise.allSettled([...this.#inFlight]);
  }

  async #deliver(taskId: string, event: StreamResponse): Promise<void> {
    try {
      let pageToken: string | undefined;
      do {
        const page = await this.#configs.list(taskId, pageToken ? { pageToken } : {});
        for (const config of page.configs) {
          this.#track(this.#sender.send(config, event, { signal: this.#shutdown.signal }));
        }
        pageToken = page.nextPageToken || undefined;
      } while (pageToken);
    } catch (error) {
      this.#logger.warn('could not read the push configs of a task', {
        taskId,
        error: errorMessage(error),
      });
    }
  }

  #track(promise: Promise<unknown>): void {
    this.#inFlight.add(promise);
    const remove = () => void this.#inFlight.delete(promise);
    promise.then(remove, remove);
  }
}
