import { A2AClientError } from '../errors.js';
import { failureFor } from '../signals.js';
import { readSseStream, type SseEvent } from '../sse-parser.js';
import {
  type Carrier,
  type CarrierEvent,
  type CarrierRequest,
  type CarrierResponse,
} from './carrier.js';

/** Options of {@link HttpCarrier}. */
export interface HttpCarrierOptions {
  /** The `fetch` to use: inject one for tests, proxies or custom agents. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
}

/**
 * Carries requests over HTTP with `fetch`: JSON bodies, and Server-Sent Events for streams.
 * Stopping a stream's iteration or aborting the request's signal closes the connection at once.
 * @example
 * const carrier = new HttpCarrier({ fetch: myFetch });
 */
export class HttpCarrier implements Carrier {
  readonly #fetch: typeof fetch;

  constructor(options: HttpCarrierOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async send(request: CarrierRequest): Promise<CarrierResponse> {
    const headers = new Headers(request.headers);
    if (!headers.has('Accept')) {
      headers.set(
        'Accept',
        request.streaming ? 'text/event-stream, application/json' : 'application/json',
      );
    }
    if (request.body !== undefined && !headers.has('Content-Type')) {
      headers.set('Content-Type', 'application/json');
    }
    if (request.lastEventId !== undefined) headers.set('Last-Event-ID', request.lastEventId);
    let response: Response;
    try {
      response = await this.#fetch(request.url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal,
      });
    } catch (error) {
      throw failureFor(request.signal, error, `Request to ${request.url.origin} failed`);
    }
    const type = response.headers.get('Content-Type') ?? '';
    if (request.streaming && response.ok && type.includes('text/event-stream') && response.body) {
      const body = response.body;
      return {
        status: response.status,
        headers: response.headers,
        body: undefined,
        text: '',
        events: sseEvents(body, request.signal),
        close: () => body.cancel().catch(() => undefined),
      };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw failureFor(request.signal, error, 'Reading the response failed');
    }
    return { status: response.status, headers: response.headers, body: parseJson(text), text };
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function* sseEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): AsyncGenerator<CarrierEvent> {
  const events = readSseStream(body);
  try {
    for (;;) {
      let next: IteratorResult<SseEvent>;
      try {
        next = await events.next();
      } catch (error) {
        throw failureFor(signal, error, 'The event stream broke');
      }
      if (next.done) return;
      const event = next.value;
      if (event.data.trim() === '') continue;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        throw new A2AClientError('INVALID_RESPONSE', 'A stream event is not JSON', {
          cause: error,
          body: event.data,
        });
      }
      // Only an event that carries `id:` itself has an id: an id-less event after it is no replay.
      yield { data, id: event.hasId && event.lastEventId !== '' ? event.lastEventId : undefined };
    }
  } finally {
    // Closing the reader cancels the body, which closes the connection.
    await events.return(undefined);
  }
}
