/**
 * A single-reader async queue: the socket pushes, the stream's consumer pulls. It ends normally
 * or with an error after the items already queued.
 */
export class EventQueue<T> {
  #items: T[] = [];
  #ended = false;
  #error: { value: unknown } | undefined;
  #wake: (() => void) | undefined;

  /** Queues an item (ignored once ended). */
  push(item: T): void {
    if (this.#ended) return;
    this.#items.push(item);
    this.#notify();
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
