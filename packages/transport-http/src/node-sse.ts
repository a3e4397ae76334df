import { type OutgoingHttpHeaders, type ServerResponse } from 'node:http';

import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

import { NO_HEADERS } from './responses.js';
import {
  type Aborter,
  formatSseEvent,
  SSE_HEARTBEAT,
  type SseEvent,
  sseHeaders,
  type SseHost,
  type SseStreamOptions,
} from './sse.js';

type NextItem = IteratorResult<unknown, unknown>;

/**
 * Writes a request's SSE stream straight to Node's `ServerResponse`, instead of a web
 * `ReadableStream` that hono's adapter reads back: no stream or reader per connection, no
 * `Response` kept and no suspended async function while idle; headers and the first event in one
 * write; events that are ready together joined into one chunk, written on the next tick (or with
 * the end); backpressure through `'drain'`; one `'close'` listener for disconnect and cleanup.
 * One per streaming request, created when a binding first asks for it (`sseHostOf(env)`);
 * `createNodeRequestListener` then calls {@link take} with the app's final response.
 */
export class NodeSseHost implements SseHost {
  readonly #res: ServerResponse;
  /** Aborted when the client goes away before the response has ended. */
  #disconnect: Aborter | undefined;
  #listening = false;
  #rest: AsyncIterator<unknown> | undefined;
  #toEvent: ((item: unknown) => SseEvent) | undefined;
  #errorData: ((error: unknown) => unknown) | undefined;
  #abort: Aborter | undefined;
  /** Until the stream starts. */
  #first: SseEvent | undefined;
  /** What `respond` returned, and whether its headers are still the ones it was given. */
  #response: PreparedResponse | undefined;
  #plainHeaders = false;
  #heartbeatMs = 0;
  #started = false;
  #ended = false;
  /** Written since the last flush: goes out as one chunk on the next tick, or with the end. */
  #pending = '';
  #flushQueued = false;
  #heartbeats: Heartbeats | undefined;
  #onNext: ((next: NextItem) => void) | undefined;
  #onError: ((error: unknown) => void) | undefined;
  #onDrain: (() => void) | undefined;

  constructor(res: ServerResponse) {
    this.#res = res;
  }

  abortOnDisconnect(abort: Aborter): void {
    const res = this.#res;
    if (res.closed) {
      if (!res.writableFinished) abort.abort();
      return;
    }
    this.#disconnect = abort;
    this.#listen();
  }

  respond<T>(options: SseStreamOptions<T>): Response {
    this.#rest = options.rest;
    this.#toEvent = options.toEvent as (item: unknown) => SseEvent;
    this.#errorData = options.errorData;
    this.#abort = options.abort;
    this.#first = options.first;
    this.#heartbeatMs = options.heartbeatMs;
    this.#listen();
    // What middleware sees; `take` writes the stream with the headers the response ends up with.
    this.#plainHeaders = options.headers === undefined || options.headers === NO_HEADERS;
    return (this.#response = preparedResponse(sseHeaders(options.headers)));
  }

  /**
   * Called with the app's final response (after any middleware): starts writing the stream that
   * `respond` prepared, with that response's status and headers, and returns the response for
   * hono's adapter. A response that is no longer an event stream (middleware replaced it) is sent
   * as it is, and the prepared stream is dropped.
   */
  take(response: Response): Response {
    if (!this.#rest || this.#started || this.#ended) return response;
    const prepared = this.#response;
    this.#response = undefined;
    // Our own response, headers never read (so never changed) and no extra ones: the Headers of
    // the web response need not be built and read back.
    if (response === prepared && this.#plainHeaders && !prepared.headersRead) {
      this.#start(SSE_NODE_HEADERS);
      return RESPONSE_ALREADY_SENT;
    }
    const type = response.headers.get('content-type');
    if (response.status !== 200 || !type?.startsWith('text/event-stream')) {
      this.#stop(true);
      return response;
    }
    this.#start(nodeHeaders(response.headers));
    // Tells hono's adapter that the response is being written already.
    return RESPONSE_ALREADY_SENT;
  }

  /** The app failed after `respond`: the prepared stream is dropped. */
  abandon(): void {
    this.#response = undefined;
    if (this.#rest && !this.#started) this.#stop(true);
  }

  #start(headers: OutgoingHttpHeaders): void {
    this.#started = true;
    const res = this.#res;
    const first = this.#first;
    // Only what is needed later is kept: not the first event (a task snapshot, maybe large).
    this.#first = undefined;
    if (res.closed) {
      this.#stop(true);
      return;
    }
    this.#onNext = (next) => this.#next(next);
    this.#onError = (error) => this.#fail(error);
    res.writeHead(200, headers);
    // Without a first event the headers go out now, so the client sees the stream open.
    if (first) this.#write(formatSseEvent(first));
    else {
      res.flushHeaders();
      this.#stayOpen();
    }
    this.#pull();
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    // `on`, not `once`: a response closes once, and `once` would wrap the listener.
    this.#res.on('close', () => {
      if (this.#res.writableFinished) return;
      this.#disconnect?.abort();
      if (this.#rest) this.#stop(true);
    });
  }

  #pull(): void {
    let next: Promise<NextItem>;
    try {
      next = this.#rest!.next();
    } catch (error) {
      this.#fail(error);
      return;
    }
    void next.then(this.#onNext, this.#onError);
  }

  #next(next: NextItem): void {
    if (this.#ended) return;
    if (next.done) {
      this.#end();
      return;
    }
    let chunk: string;
    try {
      chunk = formatSseEvent(this.#toEvent!(next.value));
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#write(chunk);
    const res = this.#res;
    if (this.#pending.length >= res.writableHighWaterMark) this.#flush();
    if (!res.writableNeedDrain) {
      this.#pull();
      return;
    }
    // The socket's buffer is full: read the next item once it has drained.
    this.#onDrain ??= () => {
      if (!this.#ended) this.#pull();
    };
    res.once('drain', this.#onDrain);
  }

  /** Writes the heartbeat comment (called by {@link Heartbeats}). */
  heartbeat(): void {
    this.#write(SSE_HEARTBEAT);
  }

  #fail(error: unknown): void {
    if (this.#ended) return;
    let chunk: string | undefined;
    try {
      chunk = formatSseEvent({ data: this.#errorData!(error) });
    } catch {
      // No error event then; the stream still ends.
    }
    if (chunk !== undefined) this.#write(chunk);
    this.#end();
  }

  #end(): void {
    const chunk = this.#pending;
    this.#stop(false);
    // What is still pending goes out with the end: one chunk, then the terminating one.
    if (chunk === '') this.#res.end();
    else this.#res.end(chunk);
  }

  /**
   * Queues a chunk: chunks written in the same tick go out as one (one `write` of the response,
   * which frames each as an HTTP chunk of its own), on the next tick or with the end.
   */
  #write(chunk: string): void {
    if (this.#ended) return;
    this.#pending += chunk;
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    process.nextTick(NodeSseHost.#flushQueue, this);
  }

  static readonly #flushQueue = (host: NodeSseHost): void => {
    host.#flushQueued = false;
    host.#flush();
  };

  /** Writes what is pending, its HTTP chunk framing and any unsent headers in one socket write. */
  #flush(): void {
    const chunk = this.#pending;
    if (chunk === '' || this.#ended) return;
    this.#pending = '';
    const res = this.#res;
    res.cork();
    res.write(chunk);
    res.uncork();
    this.#stayOpen();
  }

  /**
   * The stream outlives the tick it started in (a stream that ends in it, as a quick task's does,
   * never gets here): it joins the heartbeats — the first one still comes within the interval —
   * and its header block, which it may keep for hours, is flattened (see flattenHeader).
   */
  #stayOpen(): void {
    if (this.#heartbeats || this.#ended) return;
    this.#heartbeats = Heartbeats.join(this, this.#heartbeatMs);
    flattenHeader(this.#res);
  }

  #stop(early: boolean): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#first = undefined;
    this.#pending = '';
    this.#heartbeats?.leave(this);
    if (this.#onDrain) this.#res.off('drain', this.#onDrain);
    const rest = this.#rest;
    if (!early || !rest) return;
    this.#abort?.abort();
    // An async generator's return() waits for a pending next(); the abort above unblocks it.
    void Promise.resolve(rest.return?.()).catch(() => undefined);
  }
}

/**
 * One timer per heartbeat interval for all open streams, instead of one per stream: every open
 * stream gets a heartbeat every `intervalMs` (the first one within `intervalMs` of opening).
 */
class Heartbeats {
  static readonly #byInterval = new Map<number, Heartbeats>();
  readonly #intervalMs: number;
  readonly #hosts = new Set<NodeSseHost>();
  readonly #timer: ReturnType<typeof setInterval>;

  private constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
    this.#timer = setInterval(() => {
      for (const host of this.#hosts) host.heartbeat();
    }, intervalMs);
  }

  static join(host: NodeSseHost, intervalMs: number): Heartbeats {
    let heartbeats = Heartbeats.#byInterval.get(intervalMs);
    if (!heartbeats)
      Heartbeats.#byInterval.set(intervalMs, (heartbeats = new Heartbeats(intervalMs)));
    heartbeats.#hosts.add(host);
    return heartbeats;
  }

  leave(host: NodeSseHost): void {
    this.#hosts.delete(host);
    if (this.#hosts.size > 0) return;
    clearInterval(this.#timer);
    Heartbeats.#byInterval.delete(this.#intervalMs);
  }
}

/**
 * The response `NodeSseHost.respond` hands to the app: a `Response` (hono's lightweight one under
 * its Node adapter) that records whether anything read its headers, since whoever reads them may
 * also change them. The class is made on first use, from the `Response` global of that moment.
 */
interface PreparedResponse extends Response {
  readonly headersRead: boolean;
}

let PreparedResponseClass: (new (headers: Record<string, string>) => PreparedResponse) | undefined;

function preparedResponse(headers: Record<string, string>): PreparedResponse {
  PreparedResponseClass ??= (() => {
    const Base = Response;
    return class extends Base {
      headersRead = false;
      constructor(init: Record<string, string>) {
        super(null, { status: 200, headers: init });
      }
      override get headers(): Headers {
        this.headersRead = true;
        return Reflect.get<object, 'headers'>(Base.prototype, 'headers', this) as Headers;
      }
    };
  })();
  return new PreparedResponseClass(headers);
}

/** The headers of a stream without extra ones, as {@link nodeHeaders} reads them back. */
const SSE_NODE_HEADERS: OutgoingHttpHeaders = Object.freeze(
  Object.fromEntries(
    Object.entries(sseHeaders(undefined))
      .map(([name, value]) => [name.toLowerCase(), value])
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  ),
);

/** Response headers for `writeHead` (names in lower case, as hono's adapter sends them). */
function nodeHeaders(headers: Headers): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of headers) if (name !== 'set-cookie') out[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

/**
 * Node keeps the header block it sent (`_header`) for the life of the response, as a rope of a
 * few dozen string pieces. Reading a character makes V8 flatten it in place, to a fraction of
 * that, for a stream that may stay open for hours.
 */
function flattenHeader(res: ServerResponse): void {
  const header = (res as unknown as { _header?: unknown })._header;
  if (typeof header === 'string') header.charCodeAt(0);
}
