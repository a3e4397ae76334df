import { type CarrierEvent, type CarrierResponse } from '@baton/client';

import { fellBehindError } from './errors.js';
import { EventQueue } from './event-queue.js';

/** A frame from the server, parsed. */
export type ServerFrame = Record<string, unknown>;

async function* drain(
  queue: EventQueue<CarrierEvent>,
  onStop: () => void,
): AsyncGenerator<CarrierEvent> {
  try {
    for (;;) {
      const step = await queue.next();
      if (step.done) return;
      yield step.value;
    }
  } finally {
    onStop();
  }
}

/**
 * One call in flight on a client connection. Resolves with the response frame (unary), or with
 * an event stream as soon as the first `stream/event` arrives; a stream whose first frame is its
 * end (an error before it opened) resolves as a plain response, as over HTTP.
 */
export class PendingCall {
  readonly id: number;
  readonly streaming: boolean;
  readonly response: Promise<CarrierResponse>;
  #resolve!: (response: CarrierResponse) => void;
  #reject!: (error: unknown) => void;
  #queue: EventQueue<CarrierEvent> | undefined;
  #settled = false;
  readonly #stop: () => void;
  readonly #maxBuffered: number;

  /**
   * `stop` runs when the consumer stops reading an open stream (cancel it if still live);
   * `maxBuffered` bounds the events held for a consumer that does not read.
   */
  constructor(id: number, streaming: boolean, stop: () => void, maxBuffered: number) {
    this.id = id;
    this.streaming = streaming;
    this.#stop = stop;
    this.#maxBuffered = maxBuffered;
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Whether the stream opened and is still delivering events. */
  get live(): boolean {
    return this.#queue !== undefined && !this.#queue.ended;
  }

  /** A `stream/event` for this call. */
  event(params: { seq?: unknown; result?: unknown }): void {
    const event: CarrierEvent = {
      data: { jsonrpc: '2.0', id: this.id, result: params.result },
      id: typeof params.seq === 'number' ? String(params.seq) : undefined,
    };
    const queue = this.#open();
    if (queue.push(event)) return;
    // The consumer fell behind: stop the server's stream, end this one after what it holds.
    queue.fail(fellBehindError(this.#maxBuffered));
    this.#stop();
  }

  /** The response frame with this call's id: the answer, or the end of a stream. */
  answer(frame: ServerFrame, text: string): void {
    if (this.#queue) {
      if ('error' in frame) this.#queue.push({ data: frame });
      this.#queue.end();
      return;
    }
    if (this.streaming && !('error' in frame)) {
      // A stream that ended before its first event: an empty stream.
      this.#open().end();
      return;
    }
    this.#settle();
    this.#resolve({ status: 200, headers: new Headers(), body: frame, text });
  }

  /** The call is cut off: before an answer it rejects, an open stream throws after its events. */
  fail(error: unknown): void {
    if (this.#queue) {
      this.#queue.fail(error);
      return;
    }
    if (this.#settle()) this.#reject(error);
  }

  #open(): EventQueue<CarrierEvent> {
    if (this.#queue) return this.#queue;
    const queue = (this.#queue = new EventQueue<CarrierEvent>(this.#maxBuffered));
    this.#settle();
    this.#resolve({
      status: 200,
      headers: new Headers({ 'Content-Type': 'application/json' }),
      body: undefined,
      text: '',
      events: drain(queue, this.#stop),
      close: async () => {
        queue.end();
        this.#stop();
      },
    });
    return queue;
  }

  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    return true;
  }
}
