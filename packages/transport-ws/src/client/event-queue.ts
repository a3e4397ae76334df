/**
 * A single-reader async queue: the socket pushes, the stream's consumer pulls. It ends normally
 * or with an error after the items already queued, and holds at most `maxItems`.
 */
export class EventQueue<T> {
  readonly #maxItems: number;
  #items: T[] = [];
  #ended = false;
  #error: { value: unknown } | undefined;
  #wake: (() => void) | undefined;

  constructor(maxItems = Number.POSITIVE_INFINITY) {
    this.#maxItems = maxItems;
  }

  /** Queues an item (ignored once ended); false, and not queued, when the queue is full. */
  push(item: T): boolean {
    if (this.#ended) return true;
    if (this.#items.length >= this.#maxItems) return false;
    this.#items.push(item);
    this.#notify();
    return true;
  }

  /** Ends the queue after the items already in it. */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  /** Ends the queue with an error, thrown after the items already in it. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#error = { value: error };
    this.end();
  }

  /** Whether no more items will be queued. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The next item, or done once the queue ended and drained; throws the queue's error. */
  async next(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      const item = this.#items.shift();
      if (item !== undefined) return { done: false, value: item };
      if (this.#ended) {
        if (this.#error) throw this.#error.value;
        return { done: true, value: undefined };
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
