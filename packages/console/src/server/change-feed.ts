import { type TaskSummary } from '../shared/api-types.js';
import { type TaskSource } from './sources.js';
import { statusTimeOf, summarize } from './task-summary.js';

/** What the feed tells its listeners: changed tasks, or that too much changed to list. */
export type ChangeNotice = { tasks: TaskSummary[] } | { overflow: true };

/** How far back each poll looks beyond the newest status time seen: absorbs late writes. */
const LAG_MS = 5000;
const PAGE_SIZE = 200;

/**
 * A list-level change feed over stores that only offer keyset listings: every `intervalMs` it asks
 * each source for the tasks whose status time is at or after its watermark (an indexed range
 * read, whatever the number of tasks), and reports those whose sequence number moved. It polls
 * only while someone listens.
 */
export class ChangeFeed {
  readonly #sources: readonly TaskSource[];
  readonly #intervalMs: number;
  readonly #listeners = new Set<(notice: ChangeNotice) => void>();
  readonly #seen: Map<string, { seq: number; time: number }>[];
  readonly #watermarks: number[];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling = false;

  constructor(sources: readonly TaskSource[], intervalMs: number) {
    this.#sources = sources;
    this.#intervalMs = intervalMs;
    this.#seen = sources.map(() => new Map());
    this.#watermarks = sources.map(() => Date.now());
  }

  /** Adds a listener; returns the function that removes it. */
  listen(listener: (notice: ChangeNotice) => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  /** Runs one poll now (tests, and the timer). */
  async poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const changed: TaskSummary[] = [];
      let overflow = false;
      await Promise.all(
        this.#sources.map(async (source, i) => {
          const seen = this.#seen[i]!;
          const from = this.#watermarks[i]! - LAG_MS;
          const page = await source.store.tasks.list(source.scope, {
            statusTimestampAfter: new Date(from).toISOString(),
            pageSize: PAGE_SIZE,
          });
          if (page.nextPageToken) overflow = true;
          let newest = this.#watermarks[i]!;
          for (const stored of page.tasks) {
            const time = Date.parse(statusTimeOf(stored));
            newest = Math.max(newest, time);
            if (seen.get(stored.task.id)?.seq === stored.seq) continue;
            seen.set(stored.task.id, { seq: stored.seq, time });
            changed.push(summarize(stored, source.agent));
          }
          this.#watermarks[i] = newest;
          for (const [id, entry] of seen) if (entry.time < newest - 2 * LAG_MS) seen.delete(id);
        }),
      );
      if (overflow) this.#emit({ overflow: true });
      else if (changed.length > 0) this.#emit({ tasks: changed });
    } catch {
      // A failing store is retried on the next tick; the listeners keep their last view.
    } finally {
      this.#polling = false;
    }
  }

  #emit(notice: ChangeNotice) {
    for (const listener of this.#listeners) listener(notice);
  }

  #start() {
    // After an idle spell, start from now rather than replaying everything since the last poll.
    this.#watermarks.fill(Date.now());
    for (const seen of this.#seen) seen.clear();
    const tick = () => {
      this.#timer = setTimeout(() => {
        void this.poll().finally(() => {
          if (this.#listeners.size > 0) tick();
        });
      }, this.#intervalMs);
    };
    tick();
  }

  #stop() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
