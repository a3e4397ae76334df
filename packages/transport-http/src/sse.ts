/** One Server-Sent Event: `data` is serialized as one JSON line; `id` is the event sequence. */
export interface SseEvent {
  id?: number | undefined;
  data: unknown;
}

/** What {@link sseResponse} streams and how. */
export interface SseStreamOptions {
  /** An event already read from `events` (the stream is known to be healthy), sent first. */
  first?: SseEvent | undefined;
  /** The rest of the events; `return()` is called as soon as the client goes away. */
  events: AsyncIterator<SseEvent>;
  /** Interval of the `: heartbeat` comment, in milliseconds. */
  heartbeatMs: number;
  /** The request's signal: aborts when the client disconnects (on runtimes that report it). */
  requestSignal?: AbortSignal | undefined;
  /** Aborted when the stream ends early, so the producer can drop its subscription at once. */
  abort: AbortController;
  /** The data of the event sent when `events` throws after the stream opened. */
  errorData: (error: unknown) => unknown;
  /** Extra response headers. */
  headers?: HeadersInit | undefined;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

/** Frames one event: an optional `id:` line and one `data:` line of JSON. */
export function formatSseEvent(event: SseEvent): string {
  const id = event.id === undefined ? '' : `id: ${event.id}\n`;
  // JSON.stringify escapes every line break, so the data always fits on one `data:` line.
  return `${id}data: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * A `text/event-stream` response over an async iterator. Pull-based (the next event is read when
 * the client has taken the previous one), with a heartbeat comment, an error event when the
 * iterator throws, and immediate cleanup (`abort` + `return()`) when the client disconnects.
 */
export function sseResponse(options: SseStreamOptions): Response {
  const { events, abort, requestSignal } = options;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  const stop = (early: boolean): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    requestSignal?.removeEventListener('abort', onAbort);
    if (!early) return;
    abort.abort();
    // An async generator's return() waits for a pending next(); the abort above unblocks it.
    void Promise.resolve(events.return?.()).catch(() => undefined);
  };
  const onAbort = (): void => {
    stop(true);
    try {
      controllerRef?.close();
    } catch {
      // Already closed or errored by the runtime.
    }
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      if (requestSignal?.aborted) {
        onAbort();
        return;
      }
      requestSignal?.addEventListener('abort', onAbort, { once: true });
      if (options.first) controller.enqueue(encoder.encode(formatSseEvent(options.first)));
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(HEARTBEAT);
      }, options.heartbeatMs);
    },
    async pull(controller) {
      if (closed) return;
      let event: SseEvent;
      try {
        const next = await events.next();
        if (closed) return;
        if (next.done) {
          stop(false);
          controller.close();
          return;
        }
        event = next.value;
      } catch (error) {
        if (closed) return;
        stop(false);
        controller.enqueue(encoder.encode(formatSseEvent({ data: options.errorData(error) })));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(formatSseEvent(event)));
    },
    cancel() {
      stop(true);
    },
  });

  const headers = new Headers(options.headers);
  headers.set('Content-Type', 'text/event-stream; charset=utf-8');
  headers.set('Cache-Control', 'no-cache, no-transform');
  headers.set('X-Accel-Buffering', 'no');
  return new Response(body, { status: 200, headers });
}

/** A source stream whose first item has been read, mapped to SSE events. */
export interface OpenedEventStream {
  /** The first event, or undefined when the source was empty. */
  first: SseEvent | undefined;
  /** The remaining events; `return()` closes the source. */
  events: AsyncIterator<SseEvent>;
}

/**
 * Reads the first item of a stream (so a failure before anything was sent can still be answered
 * as a plain error response; this rejects then) and maps the items to SSE events.
 */
export async function openEventStream<T>(
  source: AsyncIterable<T>,
  toEvent: (item: T) => SseEvent,
): Promise<OpenedEventStream> {
  const iterator = source[Symbol.asyncIterator]();
  const head = await iterator.next();
  const events: AsyncIterator<SseEvent> = {
    next: async () => {
      const next = await iterator.next();
      return next.done
        ? { done: true, value: undefined }
        : { done: false, value: toEvent(next.value) };
    },
    return: async () => {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  if (head.done) {
    await events.return?.();
    return { first: undefined, events: { next: async () => ({ done: true, value: undefined }) } };
  }
  return { first: toEvent(head.value), events };
}
