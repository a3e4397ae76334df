import { type ResponseHeaders } from './responses.js';

/** One Server-Sent Event: `data` is serialized as one JSON line; `id` is the event sequence. */
export interface SseEvent {
  id?: number | undefined;
  data: unknown;
}

/** A source stream whose first item has been read: what an SSE response sends. */
export interface OpenedEventStream<T> {
  /** The first event, sent at once; none when the source was empty. */
  first?: SseEvent | undefined;
  /** The rest of the source; `return()` closes it. */
  rest: AsyncIterator<T>;
  /** Maps an item of `rest` to its event. */
  toEvent: (item: T) => SseEvent;
}

/** What an SSE response streams and how; the same for every way of writing it. */
export interface SseStreamOptions<T> extends OpenedEventStream<T> {
  /** Interval of the `: heartbeat` comment, in milliseconds. */
  heartbeatMs: number;
  /** Aborted when the stream ends early, so the producer can drop its subscription at once. */
  abort: Aborter;
  /** The data of the event sent when the source throws after the stream opened. */
  errorData: (error: unknown) => unknown;
  /** Extra response headers. */
  headers?: ResponseHeaders | undefined;
}

/** Aborts a stream's producer: an `AbortController`, or one whose signal is made on first read. */
export interface Aborter {
  abort(): void;
}

/**
 * A server's own way to stream SSE for one request instead of a web `Response` body; `serveNode`
 * provides one on Node (writing to the `ServerResponse`). It must keep every behaviour of
 * {@link sseResponse}: headers, framing, heartbeats, the error event, and `abort` + `return()` as
 * soon as the client goes away.
 */
export interface SseHost {
  /** Aborts `abort` when the client goes away before the response has ended. */
  abortOnDisconnect(abort: Aborter): void;
  /**
   * Takes the stream and returns the `Response` to hand back to the framework; the server starts
   * writing once it has the app's final response (middleware may add headers to this one).
   */
  respond<T>(options: SseStreamOptions<T>): Response;
}

/**
 * What a server puts in the env of a fetch call to offer its {@link SseHost}: it creates the host
 * of a request on first use (the same one for every later call), so a request that does not
 * stream costs nothing.
 */
export interface SseHostSource {
  hostFor(env: object): SseHost;
}

/** Key of the {@link SseHostSource} in the env a server passes to `app.fetch(request, env)`. */
export const SSE_HOST: unique symbol = Symbol.for('@baton/transport-http.sse-host') as never;

/** The SSE host of the server that made a fetch call's env, if it offers one (created now). */
export function sseHostOf(env: unknown): SseHost | undefined {
  return typeof env === 'object' && env !== null
    ? (env as { [SSE_HOST]?: SseHostSource })[SSE_HOST]?.hostFor(env)
    : undefined;
}

/** The response headers of every SSE stream, after the extra ones. */
export function sseHeaders(extra: ResponseHeaders | undefined): ResponseHeaders {
  return {
    ...extra,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
  };
}

/** The heartbeat comment. */
export const SSE_HEARTBEAT = ': heartbeat\n\n';

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(SSE_HEARTBEAT);

/** Frames one event: an optional `id:` line and one `data:` line of JSON. */
export function formatSseEvent(event: SseEvent): string {
  const id = event.id === undefined ? '' : `id: ${event.id}\n`;
  // JSON.stringify escapes every line break, so the data always fits on one `data:` line.
  return `${id}data: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * A `text/event-stream` response over the rest of a source: the runtime-neutral way, a web
 * `ReadableStream` body. Pull-based (the next item is read when the client has taken the previous
 * one), with a heartbeat comment, an error event when the source throws, and immediate cleanup
 * (`abort` + `return()`) when the client disconnects (`requestSignal`, on runtimes that report it)
 * or the body is canceled — or was never read by the first heartbeat (middleware dropped it).
 */
export function sseResponse<T>(
  options: SseStreamOptions<T>,
  requestSignal?: AbortSignal,
): Response {
  const { rest, toEvent, abort, heartbeatMs, errorData } = options;
  // Not kept past the start: the first event may be a large task snapshot.
  let first = options.first;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  /** Whether anything read past the first event (a runtime sending the body does at once). */
  let pulled = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  const stop = (early: boolean): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    requestSignal?.removeEventListener('abort', onAbort);
    if (!early) return;
    abort.abort();
    // An async generator's return() waits for a pending next(); the abort above unblocks it.
    void Promise.resolve(rest.return?.()).catch(() => undefined);
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
      if (first) controller.enqueue(encoder.encode(formatSseEvent(first)));
      first = undefined;
      heartbeat = setInterval(() => {
        if (closed) return;
        // Unread for a whole heartbeat: middleware replaced the response and dropped this body,
        // which nothing will read nor cancel. End the stream instead of keeping it open.
        if (!pulled) onAbort();
        else controller.enqueue(HEARTBEAT);
      }, heartbeatMs);
    },
    async pull(controller) {
      pulled = true;
      if (closed) return;
      let event: SseEvent;
      try {
        const next = await rest.next();
        if (closed) return;
        if (next.done) {
          stop(false);
          controller.close();
          return;
        }
        event = toEvent(next.value);
      } catch (error) {
        if (closed) return;
        stop(false);
        controller.enqueue(encoder.encode(formatSseEvent({ data: errorData(error) })));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(formatSseEvent(event)));
    },
    cancel() {
      stop(true);
    },
  });

  const headers = sseHeaders(options.headers);
  return new Response(body, { status: 200, headers });
}

const EMPTY: AsyncIterator<never> = { next: async () => ({ done: true, value: undefined }) };

/**
 * Reads the first item of a stream (so a failure before anything was sent can still be answered
 * as a plain error response; this rejects then) and keeps the rest for the SSE response.
 */
export function openEventStream<T>(
  source: AsyncIterable<T>,
  toEvent: (item: T) => SseEvent,
): Promise<OpenedEventStream<T>> {
  let rest: AsyncIterator<T>;
  let head: Promise<IteratorResult<T>>;
  try {
    rest = source[Symbol.asyncIterator]();
    head = rest.next();
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what was thrown
    return Promise.reject(error);
  }
  // One reaction, no async function: this runs once per stream.
  return head.then((first) =>
    first.done ? closeEmpty(rest, toEvent) : { first: toEvent(first.value), rest, toEvent },
  );
}

async function closeEmpty<T>(
  rest: AsyncIterator<T>,
  toEvent: (item: T) => SseEvent,
): Promise<OpenedEventStream<T>> {
  await rest.return?.();
  return { first: undefined, rest: EMPTY, toEvent };
}

/**
 * Answers a stream as SSE: through the server's {@link SseHost} when it has one, else as a web
 * `Response` that ends when the request's signal aborts (read only then: on some runtimes, hono's
 * Node adapter among them, the signal is created when first read).
 */
export function respondSse<T>(
  host: SseHost | undefined,
  options: SseStreamOptions<T>,
  request: Request,
): Response {
  return host ? host.respond(options) : sseResponse(options, request.signal);
}
